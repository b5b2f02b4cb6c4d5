/** A judgment as the review page reads it: who, what outcome, and the candidates it showed with their ranks. */
export type ReviewedJudgment = {
  source: string;
  outcome: string;
  shown: readonly { candidateId: string; rank: number | null }[];
};

/** A pair of candidates judged together, with whether the verdicts on it disagree. */
export type JudgedPair = { candidateIds: [string, string]; judgments: number; disagreement: boolean };

/**
 * The pairs a pairwise prompt was judged on, the disagreed ones first (then the most judged), for
 * Settle to offer: an adjudication must settle the pair the annotators disagreed on, not whichever two
 * candidates come first. Adjudications already made are not counted; imported labels are, as in the
 * review list (a file's label the annotators contradict is a disagreement to settle).
 */
export function judgedPairs(judgments: readonly ReviewedJudgment[]): JudgedPair[] {
  const byPair = new Map<string, { candidateIds: [string, string]; verdicts: Set<string>; judgments: number }>();
  for (const judgment of judgments) {
    if (judgment.source === "ADJUDICATION" || judgment.shown.length !== 2) continue;
    const ids = judgment.shown.map((shown) => shown.candidateId).sort() as [string, string];
    const key = ids.join(",");
    const best = judgment.shown
      .filter((shown) => shown.rank === 1)
      .map((shown) => shown.candidateId)
      .sort()
      .join(",");
    const entry = byPair.get(key) ?? { candidateIds: ids, verdicts: new Set<string>(), judgments: 0 };
    entry.verdicts.add(`${judgment.outcome}:${best}`);
    entry.judgments += 1;
    byPair.set(key, entry);
  }
  return [...byPair.values()]
    .map((entry) => ({ candidateIds: entry.candidateIds, judgments: entry.judgments, disagreement: entry.verdicts.size > 1 }))
    .sort((a, b) => Number(b.disagreement) - Number(a.disagreement) || b.judgments - a.judgments);
}
