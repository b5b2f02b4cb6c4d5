import "server-only";
import { requirePermission } from "../../auth/require";
import { canSettleJudgments } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";
import { countsTowardOverlap, judgmentsFillingSlots } from "./internal/overlap";

export type ReviewPromptRow = {
  promptId: string;
  /** The last user turn, for recognising the prompt in a list. */
  preview: string;
  /** Annotators' judgments (source HUMAN): what fills the overlap. */
  judgments: number;
  /** Preference labels imported with the file (source IMPORTED). */
  imported: number;
  /** Annotators' judgments and imported labels disagree on the best candidate (or on tie / all bad). */
  disagreement: boolean;
  adjudicated: boolean;
};

export type ReviewPromptSet = { id: string; name: string; overlap: number; prompts: ReviewPromptRow[] };

/** Admin review of a prompt set: each prompt with its number of judgments and whether they disagree. */
export async function listReviewPrompts({ actor, promptSetId, onlyDisagreements = false }: { actor: Actor; promptSetId: string; onlyDisagreements?: boolean }): Promise<ReviewPromptSet> {
  requirePermission(actor, canSettleJudgments, "review judgments");
  requireId(promptSetId, "prompt set");
  const db = getDb();
  const set = await db.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true, name: true, overlap: true } });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  const rows = await db.$queryRaw<{ prompt_id: string; messages: { role: string; content: string }[]; judgments: number; imported: number; verdicts: number; adjudicated: boolean }[]>`
    SELECT p.id AS prompt_id, p.messages,
      ${judgmentsFillingSlots(Prisma.sql`p.id`)}::int AS judgments,
      (SELECT count(*) FROM judgments j WHERE j.prompt_id = p.id AND j.source = 'IMPORTED')::int AS imported,
      -- distinct verdicts: the outcome plus the best candidate(s), per annotator judgment or imported
      -- label (a file's label that the annotators contradict is a disagreement worth settling)
      (SELECT count(DISTINCT v) FROM (
         SELECT j.outcome::text || ':' || coalesce(string_agg(jc.candidate_id::text, ',' ORDER BY jc.candidate_id) FILTER (WHERE jc.rank = 1), '') AS v
         FROM judgments j LEFT JOIN judgment_candidates jc ON jc.judgment_id = j.id
         WHERE j.prompt_id = p.id AND (${countsTowardOverlap("j")} OR j.source = 'IMPORTED') GROUP BY j.id, j.outcome) verdicts)::int AS verdicts,
      EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND j.source = 'ADJUDICATION') AS adjudicated
    FROM prompts p WHERE p.prompt_set_id = ${promptSetId}::uuid
    ORDER BY p.created_at, p.id
    LIMIT 2000`;
  const prompts = rows
    .map((row) => ({
      promptId: row.prompt_id,
      preview: ([...row.messages].reverse().find((message) => message.role === "user")?.content ?? "").slice(0, 160),
      judgments: row.judgments,
      imported: row.imported,
      disagreement: row.verdicts > 1,
      adjudicated: row.adjudicated,
    }))
    .filter((row) => !onlyDisagreements || row.disagreement);
  return { ...set, prompts };
}
