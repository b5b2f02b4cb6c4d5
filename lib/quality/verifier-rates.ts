import { modelKey, wilsonInterval } from "./leaderboard";

/**
 * Verifier pass rates per leaderboard model. Answer checks compare with a reference (maths, an exact
 * answer); every other check type is an instruction check (length, must / must not include, language,
 * format...). Besides each check's own rate, a model gets "all instruction checks": the share of its
 * candidates that pass every instruction check scored on them (for identity tuning: names the new
 * identity and never the old one). Rates are over decided results (an undecided check, e.g. no usable
 * reference, counts neither way and is reported), with Wilson 95% intervals.
 */

export const ANSWER_CHECK_TYPES = ["math", "exact"] as const;
export const ALL_INSTRUCTIONS = "all instruction checks";

export const checkTypeOf = (scorerVersion: string) => scorerVersion.split("@", 1)[0] ?? scorerVersion;
export const isInstructionCheck = (checkType: string) => !(ANSWER_CHECK_TYPES as readonly string[]).includes(checkType);

/** `promptSetId` is carried for per-set comparisons; the rates of a scope merge every set's rows. */
type Provenance = { source: string; model: string | null; endpointId: string | null; promptSetId?: string };
/** Newest result of one check on a model's candidates, counted (one row per model and check). */
export type VerifierTally = Provenance & { verifier: string; checkType: string; total: number; passed: number; undecided: number };
/** Per model: candidates with instruction checks, those passing all of them, those with one undecided. */
export type InstructionTally = Provenance & { total: number; passed: number; undecided: number };

export type PassRateRow = {
  model: string;
  verifier: string;
  kind: "answer" | "instruction" | "all-instructions";
  checkType: string | null;
  total: number;
  passed: number;
  undecided: number;
  /** passed / (total - undecided); null when nothing was decided. */
  rate: number | null;
  low: number | null;
  high: number | null;
};

export function passRates(verifiers: readonly VerifierTally[], instructions: readonly InstructionTally[]): PassRateRow[] {
  const rows = new Map<string, PassRateRow>();
  const add = (model: string, verifier: string, kind: PassRateRow["kind"], checkType: string | null, tally: { total: number; passed: number; undecided: number }) => {
    const key = `${model}\u0000${verifier}`;
    const row = rows.get(key) ?? { model, verifier, kind, checkType, total: 0, passed: 0, undecided: 0, rate: null, low: null, high: null };
    row.total += tally.total;
    row.passed += tally.passed;
    row.undecided += tally.undecided;
    rows.set(key, row);
  };
  // Several (source, model, endpoint) rows can share one leaderboard model (a label, a model name).
  for (const tally of verifiers) add(modelKey(tally), tally.verifier, isInstructionCheck(tally.checkType) ? "instruction" : "answer", tally.checkType, tally);
  for (const tally of instructions) add(modelKey(tally), ALL_INSTRUCTIONS, "all-instructions", null, tally);
  const order = { answer: 0, instruction: 1, "all-instructions": 2 };
  return [...rows.values()]
    .map((row) => {
      const decided = row.total - row.undecided;
      const interval = wilsonInterval(row.passed, decided);
      return { ...row, rate: decided ? row.passed / decided : null, low: interval?.low ?? null, high: interval?.high ?? null };
    })
    .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : order[a.kind] - order[b.kind] || (a.verifier < b.verifier ? -1 : a.verifier > b.verifier ? 1 : 0)));
}
