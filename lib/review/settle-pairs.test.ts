import { describe, expect, it } from "vitest";
import { judgedPairs, type ReviewedJudgment } from "./settle-pairs";

const pair = (better: string, worse: string, source = "HUMAN"): ReviewedJudgment => ({ source, outcome: "PREFERENCE", shown: [{ candidateId: better, rank: 1 }, { candidateId: worse, rank: 2 }] });

describe("judgedPairs", () => {
  it("puts the pair whose verdicts disagree first, whatever order it was shown in and however many other pairs were judged more", () => {
    const judgments = [pair("a", "b"), pair("a", "b"), pair("b", "a"), pair("c", "d"), pair("d", "c")];
    // a-b: two say a, one says b; c-d: one each way. Both disagree; a-b has more judgments.
    expect(judgedPairs(judgments)).toEqual([
      { candidateIds: ["a", "b"], judgments: 3, disagreement: true },
      { candidateIds: ["c", "d"], judgments: 2, disagreement: true },
    ]);
    const calm = [pair("a", "b"), pair("a", "b"), pair("a", "b"), pair("d", "c"), pair("c", "d", "IMPORTED")];
    expect(judgedPairs(calm)[0]).toEqual({ candidateIds: ["c", "d"], judgments: 2, disagreement: true });
    expect(judgedPairs(calm)[1]).toEqual({ candidateIds: ["a", "b"], judgments: 3, disagreement: false });
  });

  it("tells a tie from a preference, leaves adjudications and rankings out", () => {
    const tie: ReviewedJudgment = { source: "HUMAN", outcome: "TIE", shown: [{ candidateId: "a", rank: 1 }, { candidateId: "b", rank: 1 }] };
    expect(judgedPairs([pair("a", "b"), tie])).toEqual([{ candidateIds: ["a", "b"], judgments: 2, disagreement: true }]);
    expect(judgedPairs([pair("a", "b"), pair("b", "a", "ADJUDICATION")])).toEqual([{ candidateIds: ["a", "b"], judgments: 1, disagreement: false }]);
    const ranking: ReviewedJudgment = { source: "HUMAN", outcome: "PREFERENCE", shown: [{ candidateId: "a", rank: 1 }, { candidateId: "b", rank: 2 }, { candidateId: "c", rank: 3 }] };
    expect(judgedPairs([ranking])).toEqual([]);
  });
});
