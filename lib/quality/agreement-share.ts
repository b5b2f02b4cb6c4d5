/**
 * The majority-agreement rule, shared by the quality page and adaptive overlap (seams: h-12 reads it):
 * a prompt's agreement share is the share of its verdicts equal to the most common verdict (a plurality;
 * when two verdicts tie for most common the share is the same whichever is taken).
 */

export type RankedForKey = { candidateId: string; rank: number | null };

/**
 * A verdict as a comparable key: each candidate's rank, candidates in id order, so the same verdict on
 * the same candidates gives the same key whatever order they were shown in. "Both bad" (no ranks) is
 * `bad:` plus the candidates. Two verdicts on different pairs of a prompt's candidates are different keys.
 */
export function verdictKey(candidates: readonly RankedForKey[]): string {
  const sorted = [...candidates].sort((a, b) => (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0));
  if (sorted.every((candidate) => candidate.rank === null)) return `bad:${sorted.map((candidate) => candidate.candidateId).join(",")}`;
  return sorted.map((candidate) => `${candidate.candidateId}=${candidate.rank ?? "-"}`).join(",");
}

/** Share of `verdictKeys` equal to the most common one; null when there are none. */
export function majorityAgreement(verdictKeys: readonly string[]): number | null {
  if (!verdictKeys.length) return null;
  return topCount(verdictKeys) / verdictKeys.length;
}

/** The most common keys (several when they tie) and their count. */
export function majorityVerdicts(verdictKeys: readonly string[]): { keys: string[]; count: number } {
  const tally = new Map<string, number>();
  for (const key of verdictKeys) tally.set(key, (tally.get(key) ?? 0) + 1);
  let count = 0;
  for (const value of tally.values()) count = Math.max(count, value);
  return { keys: [...tally].filter(([, value]) => value === count).map(([key]) => key), count };
}

function topCount(keys: readonly string[]): number {
  return majorityVerdicts(keys).count;
}
