import { describe, expect, it } from "vitest";
import { majorityAgreement, majorityVerdicts, verdictKey } from "./agreement-share";
import { computeSetQuality, median, type QualityJudgment } from "./set-quality";
import { goldRanks, goldStanding, matchesGold, readGold } from "./gold";
import { seededRandom } from "./bradley-terry";
import { referenceSetQuality } from "./testing/set-quality-reference";

const X = "00000000-0000-4000-8000-00000000000a";
const Y = "00000000-0000-4000-8000-00000000000b";

let seq = 0;
/** A pairwise judgment on prompt p: `pick` is X, Y, "tie" or "bad"; `left` is the candidate shown first. */
function judgment(annotatorId: string, promptId: string, pick: "X" | "Y" | "tie" | "bad", { left = X, time = 1000, day = "2026-11-01", lengths = { [X]: 10, [Y]: 20 } as Record<string, number> } = {}): QualityJudgment {
  const right = left === X ? Y : X;
  const rank = (id: string) => (pick === "bad" ? null : pick === "tie" ? 1 : (pick === "X") === (id === X) ? 1 : 2);
  return {
    id: `j${seq++}`,
    promptId,
    annotatorId,
    source: "HUMAN",
    outcome: pick === "bad" ? "ALL_BAD" : pick === "tie" ? "TIE" : "PREFERENCE",
    timeSpentMs: time,
    createdAt: new Date(`${day}T12:00:00Z`),
    candidates: [
      { candidateId: left, position: 0, rank: rank(left), length: lengths[left]! },
      { candidateId: right, position: 1, rank: rank(right), length: lengths[right]! },
    ],
  };
}

const thresholds = { minItems: 2, minAccuracy: 0.7 };

describe("majority agreement (shared with adaptive overlap)", () => {
  it("is the share of verdicts equal to the most common one", () => {
    expect(majorityAgreement(["a", "a", "b"])).toBeCloseTo(2 / 3);
    expect(majorityAgreement(["a", "b"])).toBe(0.5);
    expect(majorityAgreement([])).toBeNull();
    expect(majorityVerdicts(["a", "b", "b", "a", "c"])).toEqual({ keys: ["a", "b"], count: 2 });
  });

  it("keys a verdict by candidate, not by the order shown", () => {
    expect(verdictKey([{ candidateId: "b", rank: 2 }, { candidateId: "a", rank: 1 }])).toBe(verdictKey([{ candidateId: "a", rank: 1 }, { candidateId: "b", rank: 2 }]));
    expect(verdictKey([{ candidateId: "a", rank: null }, { candidateId: "b", rank: null }])).toBe("bad:a,b");
  });
});

describe("set quality from judgments with known answers", () => {
  // p1: u1 X, u2 X, u3 Y   p2: u1 Y, u2 Y, u3 Y   p3: u1 tie, u2 X   (p4 gold: expected X)
  const judgments = [
    judgment("u1", "p1", "X", { day: "2026-11-01" }),
    judgment("u2", "p1", "X", { left: Y, day: "2026-11-01" }),
    judgment("u3", "p1", "Y", { day: "2026-11-02" }),
    judgment("u1", "p2", "Y", { day: "2026-11-02" }),
    judgment("u2", "p2", "Y", { day: "2026-11-02" }),
    judgment("u3", "p2", "Y", { left: Y, day: "2026-11-02" }),
    judgment("u1", "p3", "tie", { day: "2026-11-02" }),
    judgment("u2", "p3", "X", { day: "2026-11-02" }),
    judgment("u1", "p4", "X", { time: 3000 }),
    judgment("u3", "p4", "Y", { time: 5000 }),
  ];
  const gold = new Map([["p4", new Map<string, number | null>([[X, 1], [Y, 2]])]]);
  const quality = computeSetQuality({ mode: "PAIRWISE", judgments, skips: new Map([["u3", 2]]), gold, goldThresholds: { minItems: 1, minAccuracy: 0.7 } });

  it("computes raw agreement, majority share and nominal alpha (checked by hand)", () => {
    // Pairs: p1 3 pairs, 1 agree; p2 3 pairs, 3 agree; p3 1 pair, 0 agree -> 4 / 7.
    expect(quality.agreement.pairwise).toEqual({ agreement: 4 / 7, agreeingPairs: 4, pairs: 7, units: 3 });
    // Majority: p1 2 of 3, p2 3 of 3, p3 1 of 2 -> 6 / 8.
    expect(quality.agreement.majorityShare).toBe(6 / 8);
    // Coincidences (values X, Y, T): o_XX = 2/2 = 1, o_XY = o_YX = 2/2 = 1, o_YY = 6/2 = 3, o_TX = o_XT = 1;
    // n_X = 3, n_Y = 4, n_T = 1, n = 8. D_o = 2+2 = 4 disagreeing (weighted); alpha = 1 - 7 * 4 / (64 - 9 - 16 - 1) = 1 - 28/38.
    expect(quality.agreement.alpha.alpha).toBeCloseTo(1 - 28 / 38, 10);
    expect(quality.agreement.alpha.units).toBe(3);
    expect(quality.agreement.alpha.metric).toBe("nominal");
  });

  it("reports agreement per day of the later judgment of each pair", () => {
    expect(quality.overTime).toEqual([
      { day: "2026-11-01", pairs: 1, agreeingPairs: 1, agreement: 1 },
      { day: "2026-11-02", pairs: 6, agreeingPairs: 3, agreement: 0.5 },
    ]);
  });

  it("gives per-annotator statistics: leave-one-out agreement, gold, biases, rates, skips", () => {
    const u1 = quality.annotators.find((a) => a.annotatorId === "u1")!;
    const u3 = quality.annotators.find((a) => a.annotatorId === "u3")!;
    // u1: p1 others {X, Y} tie -> X is among them: agree; p2 others {Y,Y}: agree; p3 others {X}: tie != X -> disagree.
    expect(u1).toMatchObject({ judgments: 4, looAgreement: 2 / 3, looItems: 3, goldItems: 1, goldCorrect: 1, goldAccuracy: 1, goldFlagged: false, tieRate: 0.25, bothBadRate: 0 });
    expect(u1.medianTimeMs).toBe(1000);
    // u1 preferences: p1 X (left), p2 Y (right), p4 X (left): left 2 of 3; longer (Y is 20 long): 1 of 3.
    expect(u1.leftPickRate).toBeCloseTo(2 / 3);
    expect(u1.leftPickChance).toBe(0.5);
    expect(u1.longerPickRate).toBeCloseTo(1 / 3);
    expect(u3).toMatchObject({ judgments: 3, goldItems: 1, goldAccuracy: 0, goldFlagged: true, skips: 2, outlier: true });
    expect(u3.outlierReasons).toEqual([{ key: "gold", params: { accuracy: 0, items: 1 } }]);
  });

  it("lists the most split prompts first, gold prompts left out", () => {
    expect(quality.disagreements.map((d) => d.promptId)).toEqual(["p3", "p1"]);
    expect(quality.disagreements[0]).toEqual({ promptId: "p3", judgments: 2, majorityShare: 0.5, distinctVerdicts: 2 });
  });

  it("ranking sets use ordinal alpha over candidate ranks", () => {
    const ranked = (annotatorId: string, ranks: number[]): QualityJudgment => ({
      id: `r${seq++}`, promptId: "r1", annotatorId, source: "HUMAN", outcome: "PREFERENCE", timeSpentMs: 0, createdAt: new Date(),
      candidates: ranks.map((rank, i) => ({ candidateId: `c${i}`, position: i, rank, length: 1 })),
    });
    const q = computeSetQuality({ mode: "RANKING", judgments: [ranked("a", [1, 2, 3]), ranked("b", [1, 2, 3]), ranked("c", [1, 2, 3])], skips: new Map(), gold: new Map(), goldThresholds: thresholds });
    expect(q.agreement.alpha).toMatchObject({ metric: "ordinal", alpha: 1, units: 3 });
  });

  it("leaves imported labels and adjudications out", () => {
    const q = computeSetQuality({ mode: "PAIRWISE", judgments: [{ ...judgment("u1", "p9", "X"), source: "ADJUDICATION" }, { ...judgment("u2", "p9", "Y"), source: "IMPORTED" }], skips: new Map(), gold: new Map(), goldThresholds: thresholds });
    expect(q.judgments).toBe(0);
    expect(q.agreement.pairwise.pairs).toBe(0);
  });

  it("median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("gold", () => {
  it("grades a judgment by ranks over the gold's candidates, whatever the shown order", () => {
    const gold = readGold({ shown: [X, Y], verdict: { kind: "pairwise", verdict: "A" } })!;
    const ranks = goldRanks("PAIRWISE", gold);
    if (!(ranks instanceof Map)) throw new Error(ranks.message);
    expect(matchesGold(ranks, [{ candidateId: Y, rank: 2 }, { candidateId: X, rank: 1 }])).toBe(true);
    expect(matchesGold(ranks, [{ candidateId: X, rank: 1 }, { candidateId: Y, rank: 1 }])).toBe(false);
    expect(matchesGold(ranks, [{ candidateId: X, rank: 1 }, { candidateId: "other", rank: 2 }])).toBeNull();
  });

  it("says what is wrong with a gold verdict for the set's mode", () => {
    const gold = readGold({ shown: [X, Y], verdict: { kind: "pairwise", verdict: "TIE" } })!;
    expect(goldRanks("RANKING", gold)).toMatchObject({ field: "gold.verdict", message: expect.stringMatching(/ranking/) });
    expect(readGold({ shown: [X], verdict: { kind: "pairwise", verdict: "A" } })).toBeNull();
    expect(readGold(null)).toBeNull();
  });

  it("flags after the minimum items when accuracy is below the minimum", () => {
    expect(goldStanding([true, false], { minItems: 3, minAccuracy: 0.7 }).flagged).toBe(false);
    expect(goldStanding([true, false, false], { minItems: 3, minAccuracy: 0.7 })).toEqual({ items: 3, correct: 1, accuracy: 1 / 3, flagged: true });
    expect(goldStanding([true, true, false], { minItems: 3, minAccuracy: 0.6 }).flagged).toBe(false);
  });
});

describe("the columnar computation against the first, object-per-row one (independent code, random data)", () => {
  // testing/set-quality-reference.ts is the implementation this one replaced, kept unchanged: both must
  // give the same figures on random sets with pairs, lists, ties, both-bad, gold, several days and
  // prompts whose judgments show different candidate subsets.
  const random = seededRandom(11);
  // A candidate has one length; several candidates of a prompt often share it (no single longest).
  const lengthOf = (candidateId: string) => [5, 10, 10, 40][candidateId.charCodeAt(candidateId.length - 1) % 4]! + (candidateId.charCodeAt(3) % 2) * 10;
  const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, "0")}`;

  function randomSet(mode: "PAIRWISE" | "RANKING") {
    const annotators = ["ua", "ub", "uc", "ud", "ue"];
    const judgments: QualityJudgment[] = [];
    const gold = new Map<string, Map<string, number | null>>();
    for (let p = 0; p < 60; p++) {
      const promptId = id("p", p);
      const pool = Array.from({ length: mode === "PAIRWISE" ? 2 + Math.floor(random() * 2) : 3 }, (_, k) => `${promptId}-c${k}`);
      if (p % 10 === 0) gold.set(promptId, new Map((mode === "PAIRWISE" ? pool.slice(0, 2) : pool).map((c, k) => [c, k + 1] as const)));
      for (const annotatorId of annotators) {
        if (random() < 0.25) continue;
        const shown = mode === "PAIRWISE" ? [...pool].sort(() => random() - 0.5).slice(0, 2) : [...pool].sort(() => random() - 0.5);
        const r = random();
        const outcome = r < 0.1 ? "ALL_BAD" : r < 0.2 ? "TIE" : "PREFERENCE";
        const ranks = shown.map((_, k) => (outcome === "ALL_BAD" ? null : outcome === "TIE" ? 1 : k + 1)).sort(() => random() - 0.5);
        judgments.push({
          id: `j${judgments.length}`, promptId, annotatorId, source: random() < 0.05 ? "IMPORTED" : "HUMAN", outcome,
          timeSpentMs: Math.floor(random() * 9000), createdAt: new Date(Date.UTC(2026, 10, 1 + Math.floor(random() * 4), Math.floor(random() * 24), 0, Math.floor(random() * 60))),
          candidates: shown.map((candidateId, position) => ({ candidateId, position, rank: ranks[position]!, length: lengthOf(candidateId) })),
        });
      }
    }
    return { judgments, gold };
  }

  for (const mode of ["PAIRWISE", "RANKING"] as const) {
    it(`gives the same statistics (${mode.toLowerCase()})`, () => {
      for (let round = 0; round < 5; round++) {
        const { judgments, gold } = randomSet(mode);
        const input = { mode, judgments, skips: new Map([["ua", 3], ["zz", 1]]), gold, goldThresholds: { minItems: 2, minAccuracy: 0.6 } };
        const expected = referenceSetQuality(input, { disagreementLimit: 1000 });
        const actual = computeSetQuality(input, { disagreementLimit: 1000 });
        expect(actual.agreement.alpha.alpha).toBeCloseTo(expected.agreement.alpha.alpha!, 10);
        expect({ ...actual.agreement, alpha: { ...actual.agreement.alpha, alpha: 0 } }).toEqual({ ...expected.agreement, alpha: { ...expected.agreement.alpha, alpha: 0 } });
        expect(actual.overTime).toEqual(expected.overTime);
        expect(actual.disagreements).toEqual(expected.disagreements);
        expect(actual.judgments).toBe(expected.judgments);
        expect(actual.annotators.map(round10)).toEqual(expected.annotators.map(round10));
        expect(actual.annotators.some((row) => row.goldItems > 0)).toBe(true);
      }
    });
  }
  const round10 = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === "number" ? Number(value.toFixed(10)) : value]));
});
