import { describe, expect, it } from "vitest";
import { cohensKappa, cohensKappaFromMatrix } from "./kappa";

describe("Cohen's kappa", () => {
  it("matches Wikipedia's worked example (\"Cohen's kappa\", Simple example: 50 grant proposals, two readers)", () => {
    // Both yes 20, A yes / B no 5, A no / B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    const result = cohensKappaFromMatrix([
      [20, 5],
      [10, 15],
    ])!;
    expect(result.n).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it("three categories, checked by hand", () => {
    // Rows rater 1, columns rater 2 over (first, second, tie): n = 20, diagonal 6 + 5 + 2 = 13, p_o = 0.65.
    // Row totals 8, 7, 5; column totals 7, 8, 5; p_e = (8*7 + 7*8 + 5*5) / 400 = 137 / 400 = 0.3425.
    // kappa = (0.65 - 0.3425) / (1 - 0.3425) = 0.3075 / 0.6575.
    const result = cohensKappaFromMatrix([
      [6, 1, 1],
      [0, 5, 2],
      [1, 2, 2],
    ])!;
    expect(result.observed).toBeCloseTo(0.65, 12);
    expect(result.expected).toBeCloseTo(0.3425, 12);
    expect(result.kappa).toBeCloseTo(0.3075 / 0.6575, 12);
  });

  it("is 1 for perfect agreement, 0 at chance, null when chance agreement is 1, symmetric in the raters", () => {
    expect(cohensKappa([["a", "a"], ["b", "b"], ["c", "c"]])!.kappa).toBe(1);
    // Independent marginals: 2x2 with every cell 5.
    expect(cohensKappaFromMatrix([[5, 5], [5, 5]])!.kappa).toBeCloseTo(0, 12);
    const one = cohensKappa([["tie", "tie"], ["tie", "tie"]])!;
    expect(one.kappa).toBeNull();
    expect(one.observed).toBe(1);
    const pairs: [string, string][] = [["a", "b"], ["a", "a"], ["b", "b"], ["c", "a"], ["c", "c"], ["b", "c"]];
    expect(cohensKappa(pairs)!.kappa).toBeCloseTo(cohensKappa(pairs.map(([x, y]) => [y, x] as [string, string]))!.kappa!, 12);
    expect(cohensKappa([])).toBeNull();
    expect(() => cohensKappaFromMatrix([[1, 2], [3]])).toThrow(/row 1 .* 1 cells; a 2x2 matrix/);
  });
});
