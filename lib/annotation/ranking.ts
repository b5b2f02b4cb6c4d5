/**
 * Verdicts to ranks: 1 is best, equal ranks are ties, null for every candidate when all are bad
 * (the shape JudgmentCandidate stores and lib/export reads).
 */

export type PairwiseVerdict = "A" | "B" | "TIE" | "BOTH_BAD";
export type Outcome = "PREFERENCE" | "TIE" | "ALL_BAD";

export type RankedCandidate = { candidateId: string; position: number; rank: number | null };

/** `shown` is in position order: shown[0] is A (left), shown[1] is B (right). */
export function pairwiseRanks(shown: readonly [string, string], verdict: PairwiseVerdict): { outcome: Outcome; candidates: RankedCandidate[] } {
  const ranks: Record<PairwiseVerdict, [number | null, number | null]> = { A: [1, 2], B: [2, 1], TIE: [1, 1], BOTH_BAD: [null, null] };
  const [a, b] = ranks[verdict];
  const outcome: Outcome = verdict === "TIE" ? "TIE" : verdict === "BOTH_BAD" ? "ALL_BAD" : "PREFERENCE";
  return {
    outcome,
    candidates: [
      { candidateId: shown[0], position: 0, rank: a },
      { candidateId: shown[1], position: 1, rank: b },
    ],
  };
}

/**
 * A ranking as the annotator ordered it: `order` best first, `tiedWithAbove[i]` puts order[i] in the
 * same tier as order[i - 1]. Ranks are dense (1, 1, 2), so "equal rank" always means "tie".
 */
export function rankingRanks(
  shown: readonly string[],
  order: readonly string[],
  tiedWithAbove: readonly boolean[],
  allBad = false,
): { outcome: Outcome; candidates: RankedCandidate[] } {
  const shownSet = new Set(shown);
  if (order.length !== shown.length || new Set(order).size !== order.length || order.some((id) => !shownSet.has(id))) {
    throw new Error("The ranking must order every shown candidate exactly once.");
  }
  const rankOf = new Map<string, number>();
  let rank = 0;
  order.forEach((id, index) => {
    if (index === 0 || !tiedWithAbove[index]) rank += 1;
    rankOf.set(id, rank);
  });
  const outcome: Outcome = allBad ? "ALL_BAD" : rank === 1 ? "TIE" : "PREFERENCE";
  return {
    outcome,
    candidates: shown.map((candidateId, position) => ({ candidateId, position, rank: allBad ? null : rankOf.get(candidateId)! })),
  };
}

/** Moves the item at `from` one step (or to `to`), returning a new array; out of range is a no-op. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length || from === to) return [...items];
  const result = [...items];
  const [item] = result.splice(from, 1);
  result.splice(to, 0, item!);
  return result;
}
