import "server-only";
import { z } from "zod";
import { requirePermission } from "../../auth/require";
import { canViewPromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { parseOrThrow, requireId } from "../parse";

export type CandidateScoreView = {
  candidateId: string;
  promptId: string;
  verifier: string;
  version: string;
  passed: boolean | null;
  score: number | null;
  extractedAnswer: string | null;
  reason: string;
  details: unknown;
  createdAt: string;
};

const querySchema = z
  .object({
    promptId: z.uuid("must be a prompt id").optional(),
    /** Every version of every score, not only the newest per (candidate, verifier). */
    history: z.enum(["0", "1", "true", "false"]).optional(),
    /** Keyset: scores of candidates after this id. */
    after: z.uuid("must be a candidate id").optional(),
    limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(5000, "must be at most 5000").default(1000),
  })
  .strict();

/** Verifier scores of a set (or one of its prompts), newest per (candidate, verifier) unless `history`. */
export async function listCandidateScores({ actor, promptSetId, query }: { actor: Actor; promptSetId: string; query: unknown }): Promise<{ scores: CandidateScoreView[]; next: string | null }> {
  requirePermission(actor, canViewPromptSets, "read verifier results");
  requireId(promptSetId, "prompt set");
  const { promptId, history, after, limit } = parseOrThrow(querySchema, query);
  const db = getDb();
  if (!(await db.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true } }))) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  const candidates = await db.candidate.findMany({
    where: { prompt: { promptSetId, ...(promptId ? { id: promptId } : {}) }, ...(after ? { id: { gt: after } } : {}), scores: { some: {} } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, promptId: true, scores: { where: { scorerKind: "VERIFIER" }, orderBy: [{ scorerName: "asc" }, { createdAt: "desc" }] } },
  });
  const scores: CandidateScoreView[] = [];
  for (const candidate of candidates) {
    const seen = new Set<string>();
    for (const s of candidate.scores) {
      if (!(history === "1" || history === "true") && seen.has(s.scorerName)) continue;
      seen.add(s.scorerName);
      scores.push({
        candidateId: candidate.id,
        promptId: candidate.promptId,
        verifier: s.scorerName,
        version: s.scorerVersion,
        passed: s.passed,
        score: s.score,
        extractedAnswer: s.extractedAnswer,
        reason: s.reason,
        details: s.details,
        createdAt: s.createdAt.toISOString(),
      });
    }
  }
  return { scores, next: candidates.length === limit ? candidates.at(-1)!.id : null };
}
