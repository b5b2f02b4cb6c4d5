import { describe, expect, it } from "vitest";
import { judgeAgreement, orient, votesFromRanks, type PairLabel } from "./agreement";

describe("judge agreement with people", () => {
  it("orients every pair the same way whatever order it was shown in", () => {
    expect(orient({ x: "b", y: "a", winner: "b" })).toEqual({ key: "a|b", label: "second" });
    expect(orient({ x: "a", y: "b", winner: "b" })).toEqual({ key: "a|b", label: "second" });
    expect(orient({ x: "a", y: "b", winner: null })).toEqual({ key: "a|b", label: "tie" });
    expect(() => orient({ x: "a", y: "b", winner: "c" })).toThrow(/neither candidate/);
  });

  it("reads pairwise votes from ranks: better rank wins, equal or missing ranks tie", () => {
    expect(votesFromRanks([{ candidateId: "a", rank: 2 }, { candidateId: "b", rank: 1 }, { candidateId: "c", rank: 2 }])).toEqual([
      { x: "a", y: "b", winner: "b" },
      { x: "a", y: "c", winner: null },
      { x: "b", y: "c", winner: "b" },
    ]);
    expect(votesFromRanks([{ candidateId: "a", rank: null }, { candidateId: "b", rank: null }])).toEqual([{ x: "a", y: "b", winner: null }]);
  });

  it("counts each human vote against the judge's verdict on its pair; kappa as Wikipedia's example", () => {
    // Wikipedia's 2x2 example laid onto pairs: 20 both "first", 5 human first / judge second,
    // 10 human second / judge first, 15 both second: raw agreement 0.7, kappa 0.4.
    const judge = new Map<string, PairLabel>();
    const human: { x: string; y: string; winner: string | null }[] = [];
    const add = (count: number, humanSays: "first" | "second", judgeSays: PairLabel) => {
      for (let i = 0; i < count; i++) {
        const x = `p${judge.size}a`;
        const y = `p${judge.size}b`;
        judge.set(`${x}|${y}`, judgeSays);
        human.push({ x: y, y: x, winner: humanSays === "first" ? x : y });
      }
    };
    add(20, "first", "first");
    add(5, "first", "second");
    add(10, "second", "first");
    add(15, "second", "second");
    human.push({ x: "zz1", y: "zz2", winner: "zz1" }); // no judge verdict for this pair
    const result = judgeAgreement(human, judge);
    expect(result.items).toBe(50);
    expect(result.unmatched).toBe(1);
    expect(result.rawAgreement).toBeCloseTo(0.7, 12);
    // Symmetrised, the table is ff 35, fs 15, sf 15, ss 35 of 100: still p_o 0.7, p_e 0.5, kappa 0.4.
    expect(result.kappa!.kappa).toBeCloseTo(0.4, 12);
    expect(result.withoutTies).toEqual({ items: 50, rawAgreement: 0.7 });
  });

  it("ties: an inconsistent judge verdict is stored as a tie label and agrees only with a human tie", () => {
    const judge = new Map<string, PairLabel>([
      ["a|b", "tie"],
      ["c|d", "first"],
    ]);
    const result = judgeAgreement(
      [
        { x: "a", y: "b", winner: null },
        { x: "a", y: "b", winner: "a" },
        { x: "c", y: "d", winner: "c" },
        { x: "c", y: "d", winner: null },
      ],
      judge,
    );
    expect(result.items).toBe(4);
    expect(result.rawAgreement).toBe(0.5);
    // Symmetrised (each item also mirrored, first <-> second): 8 items, 4 agree (tie-tie twice, first-first,
    // second-second): p_o = 0.5. Marginals on both sides: tie 4, first 2, second 2 -> p_e = (16 + 4 + 4) / 64
    // = 0.375; kappa = (0.5 - 0.375) / 0.625 = 0.2.
    expect(result.kappa!.kappa).toBeCloseTo(0.2, 12);
    expect(result.kappa!.n).toBe(4);
    expect(result.withoutTies).toEqual({ items: 1, rawAgreement: 1 });
  });

  it("does not depend on which candidate of a pair counts as first", () => {
    const human = [
      { x: "a", y: "b", winner: "a" },
      { x: "c", y: "d", winner: "c" },
      { x: "e", y: "f", winner: null },
    ];
    const judge = new Map<string, PairLabel>([
      ["a|b", "first"],
      ["c|d", "second"],
      ["e|f", "tie"],
    ]);
    // The same votes with candidate "c" renamed "x1", so that it now sorts second in its pair: the
    // person still prefers it, the judge still prefers the other one ("d").
    const swapped = [human[0]!, { x: "x1", y: "d", winner: "x1" }, human[2]!];
    const swappedJudge = new Map<string, PairLabel>([
      ["a|b", "first"],
      ["d|x1", "first"],
      ["e|f", "tie"],
    ]);
    expect(judgeAgreement(human, judge).rawAgreement).toBeCloseTo(2 / 3, 12);
    expect(judgeAgreement(swapped, swappedJudge).kappa!.kappa).toBeCloseTo(judgeAgreement(human, judge).kappa!.kappa!, 12);
  });
});
