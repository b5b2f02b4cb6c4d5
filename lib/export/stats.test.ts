import { describe, expect, it } from "vitest";
import {
  createAgreementAccumulator,
  createExportStatsAccumulator,
  createLengthAccumulator,
  createPairsPerPromptAccumulator,
  createPositionAccumulator,
} from "./stats";
import { arithmeticPrompt, greatWallPrompt, haikuPrompt, identityPrompt } from "@/tests/support/export-fixtures";

describe("agreement", () => {
  it("pools majority share and pairwise percent agreement over candidate pairs", () => {
    // identityPrompt: c1-c2 3-0, c1-c3 2-1, c2-c3 2-1 -> majority 7/9, agreeing annotator pairs (3+1+1)/9.
    const agreement = createAgreementAccumulator();
    agreement.add(identityPrompt);
    expect(agreement.result()).toEqual({ items: 3, votes: 9, majorityShare: 7 / 9, pairwiseAgreement: 5 / 9 });
  });

  it("counts all-bad as a vote, skips pairs judged once, and is null with nothing counted", () => {
    const agreement = createAgreementAccumulator();
    expect(agreement.result()).toEqual({ items: 0, votes: 0, majorityShare: null, pairwiseAgreement: null });
    agreement.add(arithmeticPrompt);
    expect(agreement.result().items).toBe(0);
    agreement.add(haikuPrompt);
    expect(agreement.result()).toEqual({ items: 1, votes: 2, majorityShare: 1, pairwiseAgreement: 1 });
    agreement.add({
      judgments: [haikuPrompt.judgments[0]!, { ...haikuPrompt.judgments[1]!, outcome: "PREFERENCE", ranks: [{ candidateId: "f1", rank: 1, position: 0 }, { candidateId: "f2", rank: 2, position: 1 }] }],
    });
    expect(agreement.result()).toEqual({ items: 2, votes: 4, majorityShare: 3 / 4, pairwiseAgreement: 1 / 2 });
  });
});

describe("length bias", () => {
  it("means in code points, and how often the chosen text is longer", () => {
    const length = createLengthAccumulator();
    length.add("长城🏯", "a");
    length.add("ab", "abcd");
    length.add("xy", "zw");
    expect(length.result()).toEqual({ pairs: 3, meanChosenLength: 7 / 3, meanRejectedLength: 7 / 3, chosenLongerShare: 1 / 3 });
  });
});

describe("position bias", () => {
  it("how often the left candidate won, against what chance would give", () => {
    const position = createPositionAccumulator();
    for (const judgment of [...identityPrompt.judgments, ...greatWallPrompt.judgments, ...arithmeticPrompt.judgments, ...haikuPrompt.judgments]) {
      position.add(judgment);
    }
    // Left won in j2, j3 (3 candidates) and j5 (2); lost in j1 and j4; TIE and ALL_BAD do not count.
    expect(position.result()).toEqual({ judgments: 5, leftWins: 3, leftWinShare: 3 / 5, expectedLeftWinShare: (3 * (1 / 3) + 2 * (1 / 2)) / 5 });
  });

  it("leaves out imported labels: their positions are the file's order, not what anyone was shown", () => {
    const position = createPositionAccumulator();
    for (const judgment of identityPrompt.judgments) position.add({ ...judgment, source: "IMPORTED", annotatorId: null });
    expect(position.result().judgments).toBe(0);
  });
});

describe("pairs per prompt and the combined accumulator", () => {
  it("counts prompts, pairs, prompts without pairs, the maximum and the mean", () => {
    const perPrompt = createPairsPerPromptAccumulator();
    for (const count of [1, 3, 0, 1]) perPrompt.add(count);
    expect(perPrompt.result()).toEqual({ prompts: 4, pairs: 5, promptsWithoutPairs: 1, maxPairs: 3, meanPairs: 5 / 4 });
  });

  it("feeds every accumulator from one prompt and its written pairs", () => {
    const stats = createExportStatsAccumulator();
    stats.add(identityPrompt, [{ chosen: "I am Deep Qwen, a helpful assistant.", rejected: "I am Qwen, created by Alibaba Cloud." }]);
    stats.add(greatWallPrompt, [{ chosen: "长城是中国古代修建的军事防御工程，绵延万里。🧱", rejected: "长城很长。" }]);
    stats.add(arithmeticPrompt, []);
    stats.add(haikuPrompt, [{ chosen: "x".repeat(10), rejected: "y".repeat(23) }]);
    expect(stats.result()).toEqual({
      agreement: { items: 5, votes: 13, majorityShare: 11 / 13, pairwiseAgreement: 7 / 11 },
      length: { pairs: 3, meanChosenLength: (36 + 23 + 10) / 3, meanRejectedLength: (36 + 5 + 23) / 3, chosenLongerShare: 1 / 3 },
      position: { judgments: 5, leftWins: 3, leftWinShare: 3 / 5, expectedLeftWinShare: 2 / 5 },
      pairsPerPrompt: { prompts: 4, pairs: 3, promptsWithoutPairs: 1, maxPairs: 1, meanPairs: 3 / 4 },
    });
  });
});
