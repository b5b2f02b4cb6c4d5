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
  /** Some judgment of the prompt carries a flag (unsafe, factually wrong...). */
  flagged: boolean;
};

export type ReviewPromptSet = { id: string; name: string; overlap: number; prompts: ReviewPromptRow[] };

/** The review list's filters: each narrows the list; `query` matches the prompt's text (any turn). */
export type ReviewFilter = "all" | "disagreement" | "flagged" | "adjudicated" | "judged" | "unjudged";
export const reviewFilters: readonly ReviewFilter[] = ["all", "disagreement", "flagged", "adjudicated", "judged", "unjudged"];

/**
 * Admin review of a prompt set: each prompt with its number of judgments and whether they disagree.
 * A disagreement is two verdicts on the same candidates: annotators (or a file's label) who judged
 * different pairs of one prompt (A-B and C-D) do not disagree, whichever answer each preferred.
 */
export async function listReviewPrompts({
  actor,
  promptSetId,
  onlyDisagreements = false,
  filter = onlyDisagreements ? "disagreement" : "all",
  query = "",
}: {
  actor: Actor;
  promptSetId: string;
  onlyDisagreements?: boolean;
  filter?: ReviewFilter;
  query?: string;
}): Promise<ReviewPromptSet> {
  requirePermission(actor, canSettleJudgments, "review judgments");
  requireId(promptSetId, "prompt set");
  const db = getDb();
  const set = await db.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true, name: true, overlap: true } });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  const text = query.trim().slice(0, 200);
  // ILIKE with the user's text taken literally (its %, _ and \ escaped).
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<{ prompt_id: string; messages: { role: string; content: string }[]; judgments: number; imported: number; verdicts: number; adjudicated: boolean; flagged: boolean }[]>`
    SELECT p.id AS prompt_id, p.messages,
      ${judgmentsFillingSlots(Prisma.sql`p.id`)}::int AS judgments,
      (SELECT count(*) FROM judgments j WHERE j.prompt_id = p.id AND j.source = 'IMPORTED')::int AS imported,
      -- the most distinct verdicts (the outcome plus the best candidate(s)) given on one set of shown
      -- candidates, per annotator judgment or imported label (a file's label that the annotators
      -- contradict is a disagreement worth settling); verdicts on different pairs are not compared
      (SELECT coalesce(max(n), 0) FROM (
         SELECT count(DISTINCT v) AS n FROM (
           SELECT string_agg(jc.candidate_id::text, ',' ORDER BY jc.candidate_id) AS shown,
                  j.outcome::text || ':' || coalesce(string_agg(jc.candidate_id::text, ',' ORDER BY jc.candidate_id) FILTER (WHERE jc.rank = 1), '') AS v
           FROM judgments j LEFT JOIN judgment_candidates jc ON jc.judgment_id = j.id
           WHERE j.prompt_id = p.id AND (${countsTowardOverlap("j")} OR j.source = 'IMPORTED') GROUP BY j.id, j.outcome) verdicts
         GROUP BY shown) per_shown)::int AS verdicts,
      EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND j.source = 'ADJUDICATION') AS adjudicated,
      EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND cardinality(j.flags) > 0) AS flagged
    FROM prompts p WHERE p.prompt_set_id = ${promptSetId}::uuid
      AND (${text === ""} OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.messages) m WHERE m->>'content' ILIKE ${pattern}))
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
      flagged: row.flagged,
    }))
    .filter((row) => {
      switch (filter) {
        case "disagreement":
          return row.disagreement;
        case "flagged":
          return row.flagged;
        case "adjudicated":
          return row.adjudicated;
        case "judged":
          return row.judgments > 0;
        case "unjudged":
          return row.judgments === 0;
        default:
          return true;
      }
    });
  return { ...set, prompts };
}
