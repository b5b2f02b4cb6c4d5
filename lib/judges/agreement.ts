import { cohensKappa, type KappaResult } from "../stats/kappa";

/**
 * Agreement of a judge with people on the same pairs of candidates.
 *
 * Every pair is written in one orientation (the smaller candidate id first), and each verdict on it
 * is one of "first" better, "second" better, "tie". Each human vote on a pair is one item, compared
 * with the judge's verdict on that pair (as MT-Bench's agreement counts every human vote); pairs the
 * judge has no verdict for (unparseable, not judged) are left out and counted as `unmatched`.
 * Ties: a human tie and an "all bad" verdict are both a tie (MT-Bench's "tie" and "tie (bothbad)");
 * an order-inconsistent judge verdict counts as a tie. Raw agreement and Cohen's kappa are over the
 * three categories; `withoutTies` is the raw agreement over the items where neither side is a tie.
 *
 * Which candidate of a pair is "first" is arbitrary (the ids' order), and kappa's chance term depends
 * on it. So kappa is computed over the symmetrised table: every item counted twice, as it is and
 * mirrored (first <-> second, tie stays), which makes it independent of the orientation. Raw agreement
 * is the same either way.
 */

export type PairLabel = "first" | "second" | "tie";
export type PairVote = { x: string; y: string; winner: string | null };

/** The pair's key and the vote in that orientation: `winner` null is a tie. */
export function orient(vote: PairVote): { key: string; label: PairLabel } {
  const [first, second] = vote.x < vote.y ? [vote.x, vote.y] : [vote.y, vote.x];
  const label: PairLabel = vote.winner === null ? "tie" : vote.winner === first ? "first" : vote.winner === second ? "second" : fail(vote);
  return { key: `${first}|${second}`, label };
}

function fail(vote: PairVote): never {
  throw new Error(`the winner ${vote.winner} is neither candidate of the pair (${vote.x}, ${vote.y})`);
}

/**
 * The pairwise votes one ranked judgment holds: for each pair of its candidates, the better-ranked one
 * wins, equal ranks tie; an ALL_BAD or TIE judgment (ranks null or all equal) ties every pair.
 */
export function votesFromRanks(candidates: readonly { candidateId: string; rank: number | null }[]): PairVote[] {
  const votes: PairVote[] = [];
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const a = candidates[i]!;
      const b = candidates[j]!;
      const winner = a.rank === null || b.rank === null || a.rank === b.rank ? null : a.rank < b.rank ? a.candidateId : b.candidateId;
      votes.push({ x: a.candidateId, y: b.candidateId, winner });
    }
  }
  return votes;
}

export type Agreement = {
  /** Human votes compared with a judge verdict. */
  items: number;
  /** Human votes on pairs the judge has no verdict for. */
  unmatched: number;
  /** Share of items where the judge and the person gave the same verdict (ties included); null without items. */
  rawAgreement: number | null;
  kappa: KappaResult | null;
  withoutTies: { items: number; rawAgreement: number | null };
};

export function judgeAgreement(humanVotes: readonly PairVote[], judgeVotes: ReadonlyMap<string, PairLabel>): Agreement {
  const pairs: [PairLabel, PairLabel][] = [];
  let unmatched = 0;
  for (const vote of humanVotes) {
    const { key, label } = orient(vote);
    const judge = judgeVotes.get(key);
    if (judge === undefined) unmatched += 1;
    else pairs.push([label, judge]);
  }
  const decisive = pairs.filter(([human, judge]) => human !== "tie" && judge !== "tie");
  const mirror = (label: PairLabel): PairLabel => (label === "first" ? "second" : label === "second" ? "first" : "tie");
  const kappa = cohensKappa([...pairs, ...pairs.map(([human, judge]) => [mirror(human), mirror(judge)] as [PairLabel, PairLabel])]);
  return {
    items: pairs.length,
    unmatched,
    rawAgreement: kappa?.observed ?? null,
    // n: the votes compared (the symmetrised table holds each twice).
    kappa: kappa ? { ...kappa, n: pairs.length } : null,
    withoutTies: { items: decisive.length, rawAgreement: decisive.length === 0 ? null : decisive.filter(([h, j]) => h === j).length / decisive.length },
  };
}
