import { z } from "zod";
import { verdictSchema } from "../annotation/submission";
import { rankVerdict, type Verdict, type VerdictProblem } from "../annotation/verdict";
import { errorText } from "../i18n/translate";
import { fieldMessage as m, reasonListMessage, type FieldReason } from "../schemas/field-message";
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

/**
 * What is wrong with a gold verdict: the field at fault (`gold.verdict`), the problem as a reason for that
 * field (`problem`), and the whole as a reason naming the field (`reason`) with its English `message`
 * (`gold.verdict: rank the answers.`), for the API and for a page in the user's language.
 */
export type GoldProblem = { field: string; message: string; reason: FieldReason; problem: FieldReason };

/** A verdict problem in words (catalogue keys). */
function problemReason(problem: VerdictProblem, mode: JudgingMode): FieldReason {
  const pairwise = mode === "PAIRWISE";
  switch (problem.code) {
    case "no-choice":
      return { key: pairwise ? "field.chooseVerdictPairwise" : "field.rankTheAnswers" };
    case "wrong-mode":
      return { key: pairwise ? "field.judgedPairwise" : "field.judgedRanking" };
    case "shown-repeats":
      return { key: "field.distinctCandidates" };
    case "pair-size":
      return { key: "field.pairExactlyTwo" };
    case "ranking-order":
      return { key: "field.rankEveryOnce" };
  }
}

/** The gold verdict's ranks by candidate id, or the problem with it for the set's judging mode. */
export function goldRanks(mode: JudgingMode, gold: Gold): Map<string, number | null> | GoldProblem {
  const ranked = rankVerdict(mode, gold.shown, gold.verdict as Verdict);
  if ("problem" in ranked) {
    const field = `gold.${ranked.problem.field}`;
    const problem = problemReason(ranked.problem, mode);
    const reason: FieldReason = { key: "field.atPlace", params: { place: field, problem: reasonListMessage([problem]) } };
    return { field, message: errorText("en", reason.key, reason.params), reason, problem };
  }
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
