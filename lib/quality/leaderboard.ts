import type { PairOutcome } from "./bradley-terry";

/**
 * From judgments to pairwise outcomes between models. Every two candidates of different models that a
 * judgment ranked give one outcome: the better rank wins; equal ranks, and "all bad", are ties (half a
 * win each). Candidates of the same model give nothing. A ranking of k candidates thus gives up to
 * k(k-1)/2 outcomes, all of one prompt (the bootstrap resamples prompts, so they stay together).
 */
export type RankedModelCandidate = { model: string; rank: number | null };

export function judgmentOutcomes(promptId: string, candidates: readonly RankedModelCandidate[], into: PairOutcome[] = []): PairOutcome[] {
  for (let x = 0; x < candidates.length; x++) {
    for (let y = x + 1; y < candidates.length; y++) {
      const a = candidates[x]!;
      const b = candidates[y]!;
      if (a.model === b.model) continue;
      const scoreA = a.rank === null || b.rank === null || a.rank === b.rank ? 0.5 : a.rank < b.rank ? 1 : 0;
      into.push({ promptId, a: a.model, b: b.model, scoreA });
    }
  }
  return into;
}

/**
 * The leaderboard's name for a candidate's model: the admin's label for (endpoint, model) when set, else
 * the model name; human rewrites, rule-derived variants and demo samples are rows of their own.
 */
export function modelKey(candidate: { source: string; model: string | null; endpointId: string | null }): string {
  if (candidate.source === "HUMAN_REWRITE") return "human:rewrite";
  if (candidate.source === "RULE_DERIVED") return `rule:${candidate.model ?? "unknown"}`;
  if (candidate.endpointId && candidate.model) return `endpoint:${candidate.endpointId}:${candidate.model}`;
  if (candidate.model) return `model:${candidate.model}`;
  return `source:${candidate.source}`;
}

/** Wilson score interval for a proportion (95%: z = 1.96): for pass rates and win rates. */
export function wilsonInterval(successes: number, trials: number, z = 1.959963984540054): { low: number; high: number } | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (method 10 of Newcombe 1998, "Interval estimation for the difference
 * between independent proportions") for p1 - p2, from the two Wilson intervals: for pass-rate differences.
 */
export function newcombeDifference(passed1: number, trials1: number, passed2: number, trials2: number): { difference: number; low: number; high: number } | null {
  const w1 = wilsonInterval(passed1, trials1);
  const w2 = wilsonInterval(passed2, trials2);
  if (!w1 || !w2) return null;
  const p1 = passed1 / trials1;
  const p2 = passed2 / trials2;
  const difference = p1 - p2;
  return {
    difference,
    low: difference - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: difference + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}
