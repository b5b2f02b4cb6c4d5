import { describe, expect, it } from "vitest";
import { aggregatePairs, emptyDropCounts, type AgreedPair, type PairAggregation } from "./pairing";
import { agreedWinner, preferenceExamples, sftExamples, sftTargets, unpairedLabels } from "./targets";
import { arithmeticPrompt, greatWallPrompt, haikuPrompt, identityPrompt, rankingPrompt } from "@/tests/support/export-fixtures";
import type { JudgedPrompt } from "./types";

const pair = (chosenId: string, rejectedId: string): AgreedPair => ({ chosenId, rejectedId, votesFor: 1, votesAgainst: 0, share: 1 });
const agreed = (pairs: AgreedPair[], allBad = false): PairAggregation => ({ pairs, drops: emptyDropCounts(), allBad });

describe("SFT targets", () => {
  it("the winner is the one candidate chosen and never rejected", () => {
    expect(agreedWinner([pair("a", "b"), pair("a", "c"), pair("b", "c")])).toBe("a");
    expect(agreedWinner([pair("a", "c"), pair("b", "d")])).toBeNull();
    expect(agreedWinner([pair("a", "b"), pair("b", "a")])).toBeNull();
    expect(agreedWinner([])).toBeNull();
  });

  it("takes the agreed winner across annotators", () => {
    expect(sftTargets(rankingPrompt, aggregatePairs(rankingPrompt, { policy: { kind: "all-pairs" } }), "winner")).toEqual([{ candidateId: "h1", origin: "winner" }]);
    // At 2/3 agreement c2 beats c1 and c3; c3's 2-1 win over c1 does not make it a winner.
    expect(sftTargets(identityPrompt, aggregatePairs(identityPrompt, { policy: { kind: "all-pairs" } }), "winner")).toEqual([{ candidateId: "c2", origin: "winner" }]);
    expect(sftTargets(arithmeticPrompt, aggregatePairs(arithmeticPrompt, { policy: { kind: "all-pairs" } }), "winner")).toEqual([]);
  });

  it("takes rewrites as written; an agreed all-bad prompt has no winner", () => {
    const aggregation = aggregatePairs(haikuPrompt, { policy: { kind: "best-vs-worst" } });
    expect(sftTargets(haikuPrompt, aggregation, "rewrites")).toEqual([{ candidateId: "f3", origin: "rewrite" }]);
    expect(sftTargets(haikuPrompt, aggregation, "winner")).toEqual([]);
    expect(sftTargets(haikuPrompt, aggregation, "both")).toEqual([{ candidateId: "f3", origin: "rewrite" }]);
  });

  it("both: winner first, then rewrites, each candidate and each text once", () => {
    const prompt: JudgedPrompt = {
      ...greatWallPrompt,
      candidates: [
        ...greatWallPrompt.candidates,
        { id: "d3", content: "长城是世界上最长的城墙。", source: "HUMAN_REWRITE", parentId: "d1", model: null },
        { id: "d4", content: " 长城是世界上最长的城墙。 ", source: "HUMAN_REWRITE", parentId: "d1", model: null },
      ],
      judgments: greatWallPrompt.judgments.map((j, i) => ({ ...j, rewriteCandidateId: i === 0 ? "d3" : "d4" })),
    };
    const aggregation = agreed([pair("d1", "d2")]);
    expect(sftTargets(prompt, aggregation, "both")).toEqual([
      { candidateId: "d1", origin: "winner" },
      { candidateId: "d3", origin: "rewrite" },
    ]);
    expect(sftExamples(prompt, sftTargets(prompt, aggregation, "both")).map((e) => e.completion)).toEqual([
      "长城是中国古代修建的军事防御工程，绵延万里。🧱",
      "长城是世界上最长的城墙。",
    ]);
  });
});

describe("preference examples", () => {
  it("carry the prompt with its default system message, the texts, and the margin only when the pair has one", () => {
    const [example] = preferenceExamples(identityPrompt, [pair("c2", "c1"), { ...pair("c3", "c1"), margin: 0.5 }]);
    expect(example).toEqual({
      prompt: { messages: identityPrompt.messages, defaultSystemMessage: identityPrompt.defaultSystemMessage, referenceAnswer: null },
      chosen: "I am Deep Qwen, a helpful assistant.",
      rejected: "I am Qwen, created by Alibaba Cloud.",
    });
    expect(preferenceExamples(identityPrompt, [{ ...pair("c3", "c1"), margin: 0.5 }])[0]?.margin).toBe(0.5);
  });
});

describe("unpaired (KTO) labels", () => {
  it("chosen true, rejected false, in candidate order", () => {
    expect(unpairedLabels(greatWallPrompt, agreed([pair("d1", "d2")]))).toEqual({
      labels: [
        { candidateId: "d1", label: true },
        { candidateId: "d2", label: false },
      ],
      drops: emptyDropCounts(),
    });
  });

  it("an agreed all-bad prompt gives false to every shown candidate; the rewrite stays true", () => {
    expect(unpairedLabels(haikuPrompt, aggregatePairs(haikuPrompt, { policy: { kind: "best-vs-worst" } })).labels).toEqual([
      { candidateId: "f1", label: false },
      { candidateId: "f2", label: false },
      { candidateId: "f3", label: true },
    ]);
  });

  it("all-bad below the agreement threshold labels nothing by itself", () => {
    const { labels } = unpairedLabels(haikuPrompt, aggregatePairs(haikuPrompt, { policy: { kind: "best-vs-worst" }, minJudgments: 3 }));
    expect(labels).toEqual([]);
  });

  it("drops the middle of a ranking (both chosen and rejected) and repeated or conflicting texts", () => {
    const { labels, drops } = unpairedLabels(rankingPrompt, agreed([pair("h1", "h2"), pair("h2", "h3"), pair("h1", "h4")]));
    expect(labels).toEqual([
      { candidateId: "h1", label: true },
      { candidateId: "h3", label: false },
      { candidateId: "h4", label: false },
    ]);
    expect(drops["conflicting-label"]).toBe(1);

    const sameText: JudgedPrompt = {
      ...rankingPrompt,
      candidates: rankingPrompt.candidates.map((c) => (c.id === "h4" ? { ...c, content: " 9\n" } : c.id === "h2" ? { ...c, content: "2" } : c)),
    };
    const result = unpairedLabels(sameText, agreed([pair("h1", "h3"), pair("h2", "h4"), pair("h1", "h2")]));
    // h2 is chosen and rejected; h3 and h4 share "9" (after trimming) and are both false: one row.
    expect(result.labels).toEqual([
      { candidateId: "h1", label: true },
      { candidateId: "h3", label: false },
    ]);
    expect(result.drops["conflicting-label"]).toBe(1);
    expect(result.drops["duplicate-record"]).toBe(1);

    const conflictingText = unpairedLabels(sameText, agreed([pair("h1", "h3"), pair("h4", "h2")]));
    // h1 "2" true and h2 "2" false: the same text with both labels gives no row; so do h3 "9" false and h4 "9" true.
    expect(conflictingText.labels).toEqual([]);
    expect(conflictingText.drops["conflicting-label"]).toBe(4);
  });
});
