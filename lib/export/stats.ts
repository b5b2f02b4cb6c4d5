import type { ExportJudgment, JudgedPrompt } from "./types";
import { majorityVerdicts } from "../quality/agreement-share";
import { pairwiseAgreement } from "../quality/krippendorff";

/**
 * Streaming statistics for an export's manifest. Each accumulator keeps a handful of sums, so an export
 * of any size runs in constant memory: feed it one judged prompt (and that prompt's written pairs) at
 * a time and read `result()` at the end. Shares are null when nothing was counted.
 */

export type Accumulator<Input extends unknown[], Result> = { add(...input: Input): void; result(): Result };

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

// ---------- Agreement ----------

export type AgreementStats = {
  /** Candidate pairs (within one prompt) that at least two judgments voted on. */
  items: number;
  votes: number;
  /** Share of votes that agree with their item's majority vote, pooled over items. */
  majorityShare: number | null;
  /** Share of annotator pairs that cast the same vote on the same item, pooled over items. */
  pairwiseAgreement: number | null;
};

type Vote = "first" | "second" | "tie" | "all-bad";

/**
 * One judgment's vote on candidates a and b, when it showed both. Four categories: a better, b better,
 * tie, both bad. ALL_BAD counts as a vote (not as silence) so that "A is better" against "all bad"
 * shows up as the disagreement it is.
 */
function voteOf(judgment: ExportJudgment, a: string, b: string): Vote | null {
  const rankA = judgment.ranks.find((r) => r.candidateId === a);
  const rankB = judgment.ranks.find((r) => r.candidateId === b);
  if (!rankA || !rankB) return null;
  if (judgment.outcome === "ALL_BAD") return "all-bad";
  if (judgment.outcome === "TIE") return "tie";
  if (rankA.rank === null || rankB.rank === null) return null;
  return rankA.rank < rankB.rank ? "first" : rankA.rank > rankB.rank ? "second" : "tie";
}

export function createAgreementAccumulator(): Accumulator<[prompt: Pick<JudgedPrompt, "judgments">], AgreementStats> {
  let items = 0;
  let votes = 0;
  let majorityVotes = 0;
  let annotatorPairs = 0;
  let agreeingAnnotatorPairs = 0;
  return {
    add(prompt) {
      // An item counts only with two votes or more, and each judgment casts at most one vote per item:
      // a prompt judged once (most of a large export) adds nothing, so its pairs are not even listed.
      if (prompt.judgments.length < 2) return;
      // Per-prompt memory only: the candidate pairs some judgment showed together.
      const shown = new Map<string, [string, string]>();
      for (const judgment of prompt.judgments) {
        const ids = [...new Set(judgment.ranks.map((r) => r.candidateId))].sort();
        ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => shown.set(`${a}\u0000${b}`, [a, b])));
      }
      for (const [a, b] of shown.values()) {
        const itemVotes: Vote[] = [];
        for (const judgment of prompt.judgments) {
          const v = voteOf(judgment, a, b);
          if (v) itemVotes.push(v);
        }
        if (itemVotes.length < 2) continue;
        // The quality page's rules (lib/quality), so the manifest and the page agree on the same data.
        const agreement = pairwiseAgreement([itemVotes]);
        items += 1;
        votes += itemVotes.length;
        majorityVotes += majorityVerdicts(itemVotes).count;
        annotatorPairs += agreement.pairs;
        agreeingAnnotatorPairs += agreement.agreeingPairs;
      }
    },
    result: () => ({ items, votes, majorityShare: ratio(majorityVotes, votes), pairwiseAgreement: ratio(agreeingAnnotatorPairs, annotatorPairs) }),
  };
}

// ---------- Length bias ----------

export type LengthStats = {
  pairs: number;
  /** Mean length in Unicode code points (so a Chinese character or an emoji counts once). */
  meanChosenLength: number | null;
  meanRejectedLength: number | null;
  /** Share of pairs whose chosen text is strictly longer; well above 0.5 hints at a length bias. */
  chosenLongerShare: number | null;
};

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A surrogate pair (an emoji, a rare CJK character) is one code point: skip its low half.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

export function createLengthAccumulator(): Accumulator<[chosen: string, rejected: string], LengthStats> {
  let pairs = 0;
  let chosenTotal = 0;
  let rejectedTotal = 0;
  let chosenLonger = 0;
  return {
    add(chosen, rejected) {
      const chosenLength = codePoints(chosen);
      const rejectedLength = codePoints(rejected);
      pairs += 1;
      chosenTotal += chosenLength;
      rejectedTotal += rejectedLength;
      if (chosenLength > rejectedLength) chosenLonger += 1;
    },
    result: () => ({
      pairs,
      meanChosenLength: ratio(chosenTotal, pairs),
      meanRejectedLength: ratio(rejectedTotal, pairs),
      chosenLongerShare: ratio(chosenLonger, pairs),
    }),
  };
}

// ---------- Position bias ----------

export type PositionStats = {
  /** PREFERENCE judgments with a unique best candidate that ranked the candidate shown at position 0. */
  judgments: number;
  /** How many of them ranked the position-0 (left) candidate best. */
  leftWins: number;
  leftWinShare: number | null;
  /** What leftWinShare would be without position bias: the mean of 1 / (ranked candidates). 0.5 for pairwise judging. */
  expectedLeftWinShare: number | null;
};

export function createPositionAccumulator(): Accumulator<[judgment: ExportJudgment], PositionStats> {
  let judgments = 0;
  let leftWins = 0;
  let expectedWins = 0;
  return {
    add(judgment) {
      if (judgment.outcome !== "PREFERENCE") return;
      // An imported label's positions are the file's order (chosen first in HH-RLHF), not what anyone was shown.
      // A model judge saw both orders, so its positions say nothing about position bias either.
      if (judgment.source === "IMPORTED" || judgment.source === "MODEL_JUDGE") return;
      const ranked = judgment.ranks.filter((r) => r.rank !== null);
      const left = ranked.find((r) => r.position === 0);
      if (ranked.length < 2 || !left) return;
      const best = Math.min(...ranked.map((r) => r.rank ?? Infinity));
      // A tie at the top has no single winner to credit to a position.
      if (ranked.filter((r) => r.rank === best).length > 1) return;
      judgments += 1;
      expectedWins += 1 / ranked.length;
      if (left.rank === best) leftWins += 1;
    },
    result: () => ({ judgments, leftWins, leftWinShare: ratio(leftWins, judgments), expectedLeftWinShare: ratio(expectedWins, judgments) }),
  };
}

// ---------- Pairs per prompt ----------

export type PairsPerPromptStats = { prompts: number; pairs: number; promptsWithoutPairs: number; maxPairs: number; meanPairs: number | null };

export function createPairsPerPromptAccumulator(): Accumulator<[pairCount: number], PairsPerPromptStats> {
  let prompts = 0;
  let pairs = 0;
  let promptsWithoutPairs = 0;
  let maxPairs = 0;
  return {
    add(pairCount) {
      prompts += 1;
      pairs += pairCount;
      if (pairCount === 0) promptsWithoutPairs += 1;
      maxPairs = Math.max(maxPairs, pairCount);
    },
    result: () => ({ prompts, pairs, promptsWithoutPairs, maxPairs, meanPairs: ratio(pairs, prompts) }),
  };
}

// ---------- All of them ----------

export type ExportStats = { agreement: AgreementStats; length: LengthStats; position: PositionStats; pairsPerPrompt: PairsPerPromptStats };

/**
 * All export statistics. `add` takes one judged prompt and the preference pairs written for it
 * (after every drop), so length bias and pairs per prompt describe the file, while agreement and
 * position bias describe the judgments behind it.
 */
export function createExportStatsAccumulator(): Accumulator<
  [prompt: Pick<JudgedPrompt, "judgments">, writtenPairs: readonly { chosen: string; rejected: string }[]],
  ExportStats
> {
  const agreement = createAgreementAccumulator();
  const length = createLengthAccumulator();
  const position = createPositionAccumulator();
  const pairsPerPrompt = createPairsPerPromptAccumulator();
  return {
    add(prompt, writtenPairs) {
      agreement.add(prompt);
      for (const judgment of prompt.judgments) position.add(judgment);
      for (const pair of writtenPairs) length.add(pair.chosen, pair.rejected);
      pairsPerPrompt.add(writtenPairs.length);
    },
    result: () => ({ agreement: agreement.result(), length: length.result(), position: position.result(), pairsPerPrompt: pairsPerPrompt.result() }),
  };
}
