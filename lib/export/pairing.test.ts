import { describe, expect, it } from "vitest";
import { aggregatePairs, dropReasons, emptyDropCounts, isAllBadVerdict, pairsFromJudgment, addDropCounts, type DropCounts } from "./pairing";
import { arithmeticPrompt, greatWallPrompt, haikuPrompt, identityPrompt } from "@/tests/support/export-fixtures";
import type { CandidateRank, ExportCandidate, ExportJudgment, JudgedPrompt } from "./types";

const at = new Date("2026-01-15T10:00:00.000Z");

function judgment(id: string, outcome: ExportJudgment["outcome"], ranked: [string, number | null][], rewriteCandidateId: string | null = null): ExportJudgment {
  const ranks: CandidateRank[] = ranked.map(([candidateId, rank], position) => ({ candidateId, rank, position }));
  return { id, annotatorId: `ann-${id}`, source: "HUMAN", outcome, ranks, rewriteCandidateId, flags: [], createdAt: at };
}

function candidates(...entries: [string, string][]): ExportCandidate[] {
  return entries.map(([id, content]) => ({ id, content, source: "GENERATED", parentId: null, model: null }));
}

const five = candidates(["a", "A"], ["b", "B"], ["c", "C"], ["d", "D"], ["e", "E"]);
const ranking = judgment("r", "PREFERENCE", [["c", 3], ["a", 1], ["e", 5], ["b", 2], ["d", 4]]);
const edges = (pairs: { betterId: string; worseId: string }[]) => pairs.map((p) => `${p.betterId}>${p.worseId}`);
const drops = (partial: Partial<DropCounts>): DropCounts => ({ ...emptyDropCounts(), ...partial });

describe("pairsFromJudgment: one judgment's ranking under a policy", () => {
  it("best-vs-worst gives one pair: the best over the worst", () => {
    expect(edges(pairsFromJudgment(ranking, five, { kind: "best-vs-worst" }).pairs)).toEqual(["a>e"]);
  });

  it("all-pairs gives every candidate over every lower-ranked one", () => {
    expect(edges(pairsFromJudgment(ranking, five, { kind: "all-pairs" }).pairs)).toEqual([
      "a>b", "a>c", "a>d", "a>e", "b>c", "b>d", "b>e", "c>d", "c>e", "d>e",
    ]);
  });

  it("adjacent gives each rank over the next", () => {
    expect(edges(pairsFromJudgment(ranking, five, { kind: "adjacent" }).pairs)).toEqual(["a>b", "b>c", "c>d", "d>e"]);
  });

  it("minRankMargin keeps pairs at least that many ranks apart", () => {
    expect(edges(pairsFromJudgment(ranking, five, { kind: "all-pairs", minRankMargin: 3 }).pairs)).toEqual(["a>d", "a>e", "b>e"]);
    expect(pairsFromJudgment(ranking, five, { kind: "adjacent", minRankMargin: 2 })).toEqual({ pairs: [], noPairReason: "below-rank-margin" });
  });

  it("tied ranks give no pair between them, and a tied extreme pairs each of its members", () => {
    const tied = judgment("t", "PREFERENCE", [["a", 1], ["b", 1], ["c", 3], ["d", 3]]);
    expect(edges(pairsFromJudgment(tied, five, { kind: "all-pairs" }).pairs)).toEqual(["a>c", "a>d", "b>c", "b>d"]);
    expect(edges(pairsFromJudgment(tied, five, { kind: "best-vs-worst" }).pairs)).toEqual(["a>c", "a>d", "b>c", "b>d"]);
  });

  it("TIE, all-equal ranks and ALL_BAD give no ranked pair, with the reason", () => {
    expect(pairsFromJudgment(judgment("t", "TIE", [["a", 1], ["b", 1]]), five, { kind: "all-pairs" })).toEqual({ pairs: [], noPairReason: "tie" });
    expect(pairsFromJudgment(judgment("t", "PREFERENCE", [["a", 2], ["b", 2]]), five, { kind: "all-pairs" })).toEqual({ pairs: [], noPairReason: "tie" });
    expect(pairsFromJudgment(judgment("x", "ALL_BAD", [["a", null], ["b", null]]), five, { kind: "all-pairs" })).toEqual({ pairs: [], noPairReason: "all-bad" });
  });

  it("a human rewrite is preferred over its parent, even when the judgment says all bad", () => {
    const [j7] = haikuPrompt.judgments;
    expect(pairsFromJudgment(j7!, haikuPrompt.candidates, { kind: "best-vs-worst" })).toEqual({
      pairs: [{ betterId: "f3", worseId: "f1", origin: "rewrite" }],
      noPairReason: "all-bad",
    });
  });

  it("a rewrite after a preference adds rewrite > parent to the ranked pairs", () => {
    const withRewrite: ExportCandidate[] = [...five, { id: "r", content: "R", source: "HUMAN_REWRITE", parentId: "a", model: null }];
    const pairing = pairsFromJudgment(judgment("p", "PREFERENCE", [["a", 1], ["b", 2]], "r"), withRewrite, { kind: "best-vs-worst", minRankMargin: 5 });
    expect(pairing.pairs).toEqual([{ betterId: "r", worseId: "a", origin: "rewrite" }]);
  });

  it("rule-derived candidates are ordinary candidates: their parent link implies nothing", () => {
    const [j1] = identityPrompt.judgments;
    expect(edges(pairsFromJudgment(j1!, identityPrompt.candidates, { kind: "all-pairs" }).pairs)).toEqual(["c2>c3", "c2>c1", "c3>c1"]);
  });

  it("fails loudly on a rank naming no candidate of the prompt", () => {
    expect(() => pairsFromJudgment(judgment("z", "PREFERENCE", [["a", 1], ["zz", 2]]), five, { kind: "all-pairs" })).toThrow(/zz/);
  });
});

describe("aggregatePairs: several annotators", () => {
  // identityPrompt: j1 c2>c3>c1, j2 c2>c1>c3, j3 c3>c2>c1.
  // Votes: c2>c1 3-0, c3>c1 2-1, c2>c3 2-1.
  it("keeps every majority direction at a simple-majority threshold, with vote counts and share", () => {
    const { pairs, drops: dropped, allBad } = aggregatePairs(identityPrompt, { policy: { kind: "all-pairs" } });
    expect(pairs).toEqual([
      { chosenId: "c2", rejectedId: "c1", votesFor: 3, votesAgainst: 0, share: 1 },
      { chosenId: "c3", rejectedId: "c1", votesFor: 2, votesAgainst: 1, share: 2 / 3 },
      { chosenId: "c2", rejectedId: "c3", votesFor: 2, votesAgainst: 1, share: 2 / 3 },
    ]);
    expect(dropped).toEqual(drops({}));
    expect(allBad).toBe(false);
  });

  it("votes a best-vs-worst pair by every judgment that ordered it, not only those that selected it", () => {
    // Selected: c2>c1 (j1), c2>c3 (j2), c3>c1 (j3); j2 ordered c1 above c3 although it did not select that pair.
    const { pairs } = aggregatePairs(identityPrompt, { policy: { kind: "best-vs-worst" } });
    expect(pairs.find((p) => p.chosenId === "c3" && p.rejectedId === "c1")).toMatchObject({ votesFor: 2, votesAgainst: 1 });
  });

  it("drops pairs below the agreement threshold and puts the share in margin when asked", () => {
    const { pairs, drops: dropped } = aggregatePairs(identityPrompt, { policy: { kind: "all-pairs" }, minAgreement: 0.75, marginFromAgreement: true });
    expect(pairs).toEqual([{ chosenId: "c2", rejectedId: "c1", votesFor: 3, votesAgainst: 0, share: 1, margin: 1 }]);
    expect(dropped).toEqual(drops({ "below-agreement": 2 }));
  });

  it("drops pairs ordered by too few judgments", () => {
    const { pairs, drops: dropped } = aggregatePairs(greatWallPrompt, { policy: { kind: "best-vs-worst" }, minJudgments: 3 });
    expect(pairs).toEqual([]);
    expect(dropped).toEqual(drops({ "too-few-judgments": 1 }));
  });

  it("drops an even split whatever the threshold", () => {
    const prompt: JudgedPrompt = {
      ...greatWallPrompt,
      judgments: [judgment("x", "PREFERENCE", [["d1", 1], ["d2", 2]]), judgment("y", "PREFERENCE", [["d1", 2], ["d2", 1]])],
    };
    expect(aggregatePairs(prompt, { policy: { kind: "all-pairs" }, minAgreement: 0 })).toMatchObject({ pairs: [], drops: drops({ "below-agreement": 1 }) });
  });

  it("counts ties as giving no pair and does not count them as votes", () => {
    expect(aggregatePairs(arithmeticPrompt, { policy: { kind: "all-pairs" } })).toEqual({ pairs: [], drops: drops({ tie: 1 }), allBad: false });
    const prompt: JudgedPrompt = {
      ...greatWallPrompt,
      judgments: [...greatWallPrompt.judgments, judgment("t", "TIE", [["d1", 1], ["d2", 1]])],
    };
    expect(aggregatePairs(prompt, { policy: { kind: "all-pairs" }, minJudgments: 2 }).pairs).toEqual([
      { chosenId: "d1", rejectedId: "d2", votesFor: 2, votesAgainst: 0, share: 1 },
    ]);
  });

  it("keeps the rewrite pair of an all-bad prompt and flags the prompt as agreed all bad", () => {
    expect(aggregatePairs(haikuPrompt, { policy: { kind: "best-vs-worst" } })).toEqual({
      pairs: [{ chosenId: "f3", rejectedId: "f1", votesFor: 1, votesAgainst: 0, share: 1 }],
      drops: drops({ "all-bad": 2 }),
      allBad: true,
    });
  });

  it("drops pairs whose texts are equal after trimming, and repeated text pairs", () => {
    const prompt: JudgedPrompt = {
      ...identityPrompt,
      candidates: candidates(["g1", "Paris."], ["g2", "Paris.  "], ["g3", "Lyon."], ["g4", "Lyon."]),
      judgments: [judgment("x", "PREFERENCE", [["g1", 1], ["g2", 2], ["g3", 3], ["g4", 4]])],
    };
    const { pairs, drops: dropped } = aggregatePairs(prompt, { policy: { kind: "all-pairs" } });
    // g1>g2 and g3>g4 are identical after trim; g1>g4, g2>g3 and g2>g4 repeat g1>g3's texts (after trim).
    expect(pairs.map((p) => `${p.chosenId}>${p.rejectedId}`)).toEqual(["g1>g3"]);
    expect(dropped).toEqual(drops({ "identical-text": 2, "duplicate-record": 3 }));
  });

  it("rejects thresholds out of range", () => {
    expect(() => aggregatePairs(identityPrompt, { policy: { kind: "all-pairs" }, minAgreement: 1.5 })).toThrow(RangeError);
    expect(() => aggregatePairs(identityPrompt, { policy: { kind: "all-pairs" }, minJudgments: 0 })).toThrow(RangeError);
  });
});

describe("isAllBadVerdict and drop counters", () => {
  it("needs all-bad to be the strict majority, reach the threshold and the minimum count", () => {
    const mixed: JudgedPrompt = { ...haikuPrompt, judgments: [...haikuPrompt.judgments, judgment("p", "PREFERENCE", [["f1", 1], ["f2", 2]])] };
    expect(isAllBadVerdict(haikuPrompt)).toBe(true);
    expect(isAllBadVerdict(haikuPrompt, { minJudgments: 3 })).toBe(false);
    expect(isAllBadVerdict(mixed)).toBe(true);
    expect(isAllBadVerdict(mixed, { minAgreement: 0.7 })).toBe(false);
    expect(isAllBadVerdict({ judgments: [haikuPrompt.judgments[0]!, mixed.judgments[2]!] })).toBe(false);
  });

  it("adds counters across prompts", () => {
    const total = emptyDropCounts();
    addDropCounts(total, drops({ tie: 1, "identical-text": 2 }));
    addDropCounts(total, drops({ tie: 2 }));
    expect(total).toEqual(drops({ tie: 3, "identical-text": 2 }));
  });

  it("has every drop reason, in the vocabulary's order, and adds each one", () => {
    expect(Object.keys(emptyDropCounts())).toEqual([...dropReasons]);
    dropReasons.forEach((reason, i) => {
      const total = addDropCounts(drops({ [reason]: 1 }), drops({ [reason]: i + 1 }));
      expect(total).toEqual(drops({ [reason]: i + 2 }));
    });
  });
});
