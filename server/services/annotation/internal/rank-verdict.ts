import "server-only";
import { rankVerdict, type RankedVerdict, type Verdict } from "@/lib/annotation/verdict";
import type { JudgingMode } from "@/lib/vocabulary";
import { AppError } from "../../../errors";

/** lib/annotation/verdict's rules for submit and settle, with a problem turned into a 400 naming its field. */
export function rankVerdictOrThrow(mode: JudgingMode, shown: readonly string[], verdict: Verdict): RankedVerdict {
  const ranked = rankVerdict(mode, shown, verdict);
  if ("problem" in ranked) {
    const { field, message, hint } = ranked.problem;
    throw new AppError("BAD_REQUEST", `${field}: ${message}`, { [field]: hint });
  }
  return ranked;
}
