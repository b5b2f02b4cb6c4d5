/**
 * Agreement of one prompt's judgments with their majority verdict. Written first by h-12 for adaptive
 * overlap with the signature h-11 announced for the quality page; h-11's version replaces this file.
 */

/** A judgment's verdict as a comparable key: each candidate with its rank (null: all bad), by candidate id. */
export function verdictKey(ranked: readonly { candidateId: string; rank: number | null }[]): string {
  return [...ranked]
    .sort((a, b) => (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0))
    .map(({ candidateId, rank }) => `${candidateId}:${rank ?? "-"}`)
    .join(",");
}

/** The share of verdicts equal to the most common one; null when there are none. */
export function majorityAgreement(verdictKeys: readonly string[]): number | null {
  if (verdictKeys.length === 0) return null;
  const counts = new Map<string, number>();
  for (const key of verdictKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Math.max(...counts.values()) / verdictKeys.length;
}
