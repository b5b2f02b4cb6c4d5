import { describe, expect, it } from "vitest";
import { moveItem, pairwiseRanks, rankingRanks } from "./ranking";

describe("verdicts to ranks", () => {
  it("maps each pairwise verdict to ranks by position", () => {
    expect(pairwiseRanks(["x", "y"], "A")).toEqual({ outcome: "PREFERENCE", candidates: [{ candidateId: "x", position: 0, rank: 1 }, { candidateId: "y", position: 1, rank: 2 }] });
    expect(pairwiseRanks(["x", "y"], "B").candidates.map((c) => c.rank)).toEqual([2, 1]);
    expect(pairwiseRanks(["x", "y"], "TIE")).toMatchObject({ outcome: "TIE", candidates: [{ rank: 1 }, { rank: 1 }] });
    expect(pairwiseRanks(["x", "y"], "BOTH_BAD")).toMatchObject({ outcome: "ALL_BAD", candidates: [{ rank: null }, { rank: null }] });
  });

  it("gives dense ranks with ties, keeping the shown positions", () => {
    const result = rankingRanks(["a", "b", "c"], ["c", "a", "b"], [false, true, false]);
    expect(result.outcome).toBe("PREFERENCE");
    expect(result.candidates).toEqual([
      { candidateId: "a", position: 0, rank: 1 },
      { candidateId: "b", position: 1, rank: 2 },
      { candidateId: "c", position: 2, rank: 1 },
    ]);
  });

  it("calls a ranking with every answer tied a tie, and all bad has no ranks", () => {
    expect(rankingRanks(["a", "b"], ["b", "a"], [false, true]).outcome).toBe("TIE");
    expect(rankingRanks(["a", "b"], ["b", "a"], [false, false], true)).toMatchObject({ outcome: "ALL_BAD", candidates: [{ rank: null }, { rank: null }] });
  });

  it("refuses an order that misses or repeats a shown candidate", () => {
    expect(() => rankingRanks(["a", "b", "c"], ["a", "b"], [])).toThrow(/exactly once/);
    expect(() => rankingRanks(["a", "b"], ["a", "a"], [])).toThrow(/exactly once/);
    expect(() => rankingRanks(["a", "b"], ["a", "z"], [])).toThrow(/exactly once/);
  });

  it("moves items and ignores moves off the ends", () => {
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });
});
