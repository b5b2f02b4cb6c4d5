import { describe, expect, it } from "vitest";
import { packJudgments, parsePgIntArray } from "./packed-judgments";

describe("Postgres integer arrays as typed arrays", () => {
  it("parses values, negatives and NULL, and an empty array", () => {
    expect(Array.from(parsePgIntArray("{1,-23,NULL,456}", (n) => new Int32Array(n), -1))).toEqual([1, -23, -1, 456]);
    expect(Array.from(parsePgIntArray("{1764547200123}", (n) => new Float64Array(n)))).toEqual([1764547200123]);
    expect(parsePgIntArray("{}", (n) => new Int32Array(n))).toHaveLength(0);
  });

  it("refuses what is not an integer array", () => {
    expect(() => parsePgIntArray("1,2", (n) => new Int32Array(n))).toThrow(/Not a Postgres array/);
    expect(() => parsePgIntArray("{1.5}", (n) => new Int32Array(n))).toThrow(/Unexpected character "\."/);
  });
});

describe("packing judgments", () => {
  it("numbers candidates in id order, keeps the shown order and only people's judgments", () => {
    const packed = packJudgments([
      { promptId: "p1", annotatorId: "u1", source: "HUMAN", outcome: "PREFERENCE", timeSpentMs: 5, createdAt: new Date(2000), candidates: [{ candidateId: "b", position: 1, rank: 1, length: 7 }, { candidateId: "a", position: 0, rank: 2, length: 3 }] },
      { promptId: "p1", annotatorId: null, source: "JUDGE", outcome: "TIE", timeSpentMs: 0, createdAt: new Date(0), candidates: [] },
    ]);
    expect(packed.count).toBe(1);
    expect(packed.candidateIds).toEqual(["a", "b"]);
    expect(Array.from(packed.candidate)).toEqual([0, 1]);
    expect(Array.from(packed.rank)).toEqual([2, 1]);
    expect(Array.from(packed.candidateLength)).toEqual([3, 7]);
    expect(Array.from(packed.createdAt)).toEqual([2]);
  });
});
