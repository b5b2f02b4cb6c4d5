import { describe, expect, it } from "vitest";
import { rankVerdict, verdictKindFor, verdictProblem } from "./verdict";

describe("verdict rules", () => {
  it("takes the verdict kind of the set's judging mode, and refuses the other kind in either direction", () => {
    expect(verdictKindFor("PAIRWISE")).toBe("pairwise");
    expect(verdictKindFor("RANKING")).toBe("ranking");
    expect(verdictProblem("PAIRWISE", ["a", "b"], { kind: "ranking", order: ["a", "b"], tiedWithAbove: [false, false], allBad: false })).toMatchObject({
      code: "wrong-mode",
      field: "verdict",
      message: "this prompt set is judged by pairwise choice.",
    });
    expect(verdictProblem("RANKING", ["a", "b"], { kind: "pairwise", verdict: "A" })).toMatchObject({ code: "wrong-mode", message: "this prompt set is judged by ranking." });
  });

  it("asks for a choice before anything else", () => {
    expect(verdictProblem("PAIRWISE", ["a", "b"], null)).toMatchObject({ code: "no-choice", field: "verdict" });
    expect(verdictProblem("RANKING", ["a", "b", "c"], null)).toMatchObject({ code: "no-choice" });
  });

  it("a pairwise verdict is between exactly two distinct candidates", () => {
    expect(verdictProblem("PAIRWISE", ["a", "b", "c"], { kind: "pairwise", verdict: "A" })).toMatchObject({ code: "pair-size", field: "shown", hint: "must be two" });
    expect(verdictProblem("PAIRWISE", ["a", "a"], { kind: "pairwise", verdict: "A" })).toMatchObject({ code: "shown-repeats", field: "shown" });
    expect(verdictProblem("PAIRWISE", ["a", "b"], { kind: "pairwise", verdict: "TIE" })).toBeNull();
  });

  it("a ranking orders every shown candidate exactly once", () => {
    expect(verdictProblem("RANKING", ["a", "b", "c"], { kind: "ranking", order: ["a", "b"], tiedWithAbove: [false, false] })).toMatchObject({
      code: "ranking-order",
      field: "verdict.order",
      message: expect.stringMatching(/exactly once/),
    });
    expect(verdictProblem("RANKING", ["a", "b", "c"], { kind: "ranking", order: ["c", "a", "b"], tiedWithAbove: [false, false, false] })).toBeNull();
  });

  it("gives the ranks of lib/annotation/ranking for an accepted verdict (all bad defaults to false)", () => {
    expect(rankVerdict("PAIRWISE", ["x", "y"], { kind: "pairwise", verdict: "B" })).toEqual({
      outcome: "PREFERENCE",
      candidates: [
        { candidateId: "x", position: 0, rank: 2 },
        { candidateId: "y", position: 1, rank: 1 },
      ],
    });
    expect(rankVerdict("RANKING", ["a", "b", "c"], { kind: "ranking", order: ["c", "a", "b"], tiedWithAbove: [false, true, false] })).toEqual({
      outcome: "PREFERENCE",
      candidates: [
        { candidateId: "a", position: 0, rank: 1 },
        { candidateId: "b", position: 1, rank: 2 },
        { candidateId: "c", position: 2, rank: 1 },
      ],
    });
    expect(rankVerdict("RANKING", ["a", "b"], { kind: "ranking", order: ["b", "a"], tiedWithAbove: [false, false], allBad: true })).toMatchObject({ outcome: "ALL_BAD" });
  });
});
