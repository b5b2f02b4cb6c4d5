import type { JudgingMode } from "../vocabulary";
import { pairwiseRanks, rankingRanks, type Outcome, type PairwiseVerdict, type RankedCandidate } from "./ranking";

/**
 * The verdict rules, in one place for submit, settle and the browser: what a verdict must name for the
 * set's judging mode, and the ranks it gives the candidates it was shown. Pure: callers turn a
 * problem into their own error (an AppError on the server, a notice in the browser).
 */

export type Verdict =
  | { kind: "pairwise"; verdict: PairwiseVerdict }
  | { kind: "ranking"; order: readonly string[]; tiedWithAbove: readonly boolean[]; allBad?: boolean };

export type VerdictProblem = {
  /** What is wrong, for callers that say it their own way (the browser names its keys). */
  code: "no-choice" | "wrong-mode" | "shown-repeats" | "pair-size" | "ranking-order";
  /** The request field at fault, as the HTTP API names it. */
  field: "verdict" | "shown" | "verdict.order";
  message: string;
  /** The same in a few words, for the error's `fields`. */
  hint: string;
};

export type RankedVerdict = { outcome: Outcome; candidates: RankedCandidate[] };

/** The verdict kind a set's judging mode takes. */
export const verdictKindFor = (mode: JudgingMode): Verdict["kind"] => (mode === "PAIRWISE" ? "pairwise" : "ranking");

/**
 * Why `verdict` cannot be stored for candidates `shown` (in shown order) in a set judged by `mode`, or
 * null when it can. `verdict` is null while the annotator has not chosen yet.
 */
export function verdictProblem(mode: JudgingMode, shown: readonly string[], verdict: Verdict | null): VerdictProblem | null {
  const result = rankVerdict(mode, shown, verdict);
  return "problem" in result ? result.problem : null;
}

/** The outcome and each shown candidate's position and rank, or the problem with the verdict. */
export function rankVerdict(mode: JudgingMode, shown: readonly string[], verdict: Verdict | null): RankedVerdict | { problem: VerdictProblem } {
  if (!verdict) {
    return problem("no-choice", "verdict", mode === "PAIRWISE" ? "choose A, B, tie or both bad." : "rank the answers.", "required");
  }
  if (verdict.kind !== verdictKindFor(mode)) {
    return problem("wrong-mode", "verdict", `this prompt set is judged by ${mode === "PAIRWISE" ? "pairwise choice" : "ranking"}.`, "wrong judging mode");
  }
  if (new Set(shown).size !== shown.length) return problem("shown-repeats", "shown", "must list distinct candidates.", "repeats a candidate");
  if (verdict.kind === "pairwise") {
    if (shown.length !== 2) return problem("pair-size", "shown", "a pairwise verdict is between exactly two candidates.", "must be two");
    return pairwiseRanks([shown[0]!, shown[1]!], verdict.verdict);
  }
  try {
    return rankingRanks(shown, verdict.order, verdict.tiedWithAbove, verdict.allBad ?? false);
  } catch (error) {
    return problem("ranking-order", "verdict.order", (error as Error).message, "must rank every shown candidate once");
  }
}

function problem(code: VerdictProblem["code"], field: VerdictProblem["field"], message: string, hint: string): { problem: VerdictProblem } {
  return { problem: { code, field, message, hint } };
}
