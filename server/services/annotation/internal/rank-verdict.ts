import "server-only";
import { rankVerdict, type RankedVerdict, type Verdict, type VerdictProblem } from "@/lib/annotation/verdict";
import type { ErrorReason } from "@/server/errors";
import type { FieldReason } from "@/lib/schemas/field-message";
import type { JudgingMode } from "@/lib/vocabulary";
import { AppError } from "../../../errors";

/** Each verdict problem as a reason (the whole message, its field named) and its field's short hint. */
function reasons(problem: VerdictProblem, mode: JudgingMode): { reason: ErrorReason; hint: FieldReason } {
  const pairwise = mode === "PAIRWISE";
  switch (problem.code) {
    case "no-choice":
      return { reason: { key: pairwise ? "verdict.noChoicePairwise" : "verdict.noChoiceRanking" }, hint: { key: "field.required" } };
    case "wrong-mode":
      return { reason: { key: pairwise ? "verdict.wrongModePairwise" : "verdict.wrongModeRanking" }, hint: { key: "field.wrongMode" } };
    case "shown-repeats":
      return { reason: { key: "verdict.shownRepeats" }, hint: { key: "field.repeatsCandidate" } };
    case "pair-size":
      return { reason: { key: "verdict.pairSize" }, hint: { key: "field.mustBeTwo" } };
    case "ranking-order":
      return { reason: { key: "verdict.rankingOrder", params: { detail: problem.message } }, hint: { key: "field.rankEveryOnce" } };
  }
}

/** lib/annotation/verdict's rules for submit and settle, with a problem turned into a 400 naming its field. */
export function rankVerdictOrThrow(mode: JudgingMode, shown: readonly string[], verdict: Verdict): RankedVerdict {
  const ranked = rankVerdict(mode, shown, verdict);
  if ("problem" in ranked) {
    const { reason, hint } = reasons(ranked.problem, mode);
    throw new AppError("BAD_REQUEST", reason, { [ranked.problem.field]: hint });
  }
  return ranked;
}
