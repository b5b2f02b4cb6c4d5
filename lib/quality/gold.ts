import { z } from "zod";
import { verdictSchema } from "../annotation/submission";
import { rankVerdict, type Verdict } from "../annotation/verdict";
import { fieldMessage as m } from "../schemas/field-message";
import type { JudgingMode } from "../vocabulary";

/**
 * Gold prompts (seams.md): `prompts.gold` holds the expected verdict on the candidates it names, in the
 * order to show them. A human judgment on a gold prompt is correct when the ranks it gives the gold's
 * candidates equal the ranks the gold verdict gives them (ties and "both bad" included), whatever order
 * the annotator saw them in.
 */

export const goldSchema = z.object({
  /** Candidate ids, in the order to show. */
  shown: z.array(z.string().uuid(m("field.candidateId"))).min(2, m("field.goldTwo")),
  verdict: verdictSchema,
});
export type Gold = z.output<typeof goldSchema>;

export type GoldProblem = { field: string; message: string };

/** The gold verdict's ranks by candidate id, or the problem with it for the set's judging mode. */
export function goldRanks(mode: JudgingMode, gold: Gold): Map<string, number | null> | GoldProblem {
  const ranked = rankVerdict(mode, gold.shown, gold.verdict as Verdict);
  if ("problem" in ranked) return { field: `gold.${ranked.problem.field}`, message: ranked.problem.message };
  return new Map(ranked.candidates.map((candidate) => [candidate.candidateId, candidate.rank]));
}

/**
 * Whether a judgment (its candidates' ranks) matches the gold; null when it was not made on the gold's
 * candidates (a different pair or list), so it cannot be graded.
 */
export function matchesGold(expected: ReadonlyMap<string, number | null>, judged: readonly { candidateId: string; rank: number | null }[]): boolean | null {
  if (judged.length !== expected.size || judged.some((candidate) => !expected.has(candidate.candidateId))) return null;
  return judged.every((candidate) => expected.get(candidate.candidateId) === candidate.rank);
}

/** Reads a stored `prompts.gold` value; null when absent or not in the gold shape (never throws). */
export function readGold(value: unknown): Gold | null {
  if (value === null || value === undefined) return null;
  const parsed = goldSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type GoldStanding = { items: number; correct: number; accuracy: number | null; flagged: boolean };

/** An annotator's gold standing against the set's thresholds: flagged after >= minItems graded items with accuracy < minAccuracy. */
export function goldStanding(results: readonly boolean[], thresholds: { minItems: number; minAccuracy: number }): GoldStanding {
  const items = results.length;
  const correct = results.filter(Boolean).length;
  const accuracy = items ? correct / items : null;
  return { items, correct, accuracy, flagged: items >= thresholds.minItems && accuracy !== null && accuracy < thresholds.minAccuracy };
}
