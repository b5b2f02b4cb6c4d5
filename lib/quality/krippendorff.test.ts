import { describe, expect, it } from "vitest";
import { krippendorffAlpha, pairwiseAgreement } from "./krippendorff";
import { seededRandom } from "./bradley-terry";

const u = undefined;

// Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
// Communication, University of Pennsylvania, Departmental Papers 43. Section C: 4 observers, 12 units,
// values 1-5 with missing data. Published: nominal alpha = 0.743, ordinal = 0.815, interval = 0.849
// (the ordinal and interval figures also in Hayes & Krippendorff 2007's KALPHA macro on the same data).
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, u, u, u];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, u, 3];
const C = [u, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, u];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, u];
const published = A.map((_, i) => [A[i], B[i], C[i], D[i]]);

describe("Krippendorff's alpha", () => {
  it("gives the published values on Krippendorff's (2011) 4-observer, 12-unit example", () => {
    const nominal = krippendorffAlpha(published, "nominal");
    expect(nominal.alpha).toBeCloseTo(0.743, 3);
    // Unit 12 has one value, so 11 units and 40 pairable values remain (n.. = 40 in the paper).
    expect(nominal.units).toBe(11);
    expect(nominal.values).toBe(40);
    expect(krippendorffAlpha(published, "ordinal").alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(published, "interval").alpha).toBeCloseTo(0.849, 3);
  });

  it("gives the published 0.095 on the paper's two-observer binary example (section A)", () => {
    const first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlpha(first.map((value, i) => [value, second[i]]), "nominal").alpha).toBeCloseTo(0.095, 3);
  });

  it("treats null as missing, never as a category", () => {
    const withNulls = published.map((unit) => unit.map((value) => (value === undefined ? null : value)));
    expect(krippendorffAlpha(withNulls, "nominal").alpha).toBeCloseTo(0.743, 3);
  });

  it("is 1 for perfect agreement and null when there is no variation to disagree on", () => {
    expect(krippendorffAlpha([["a", "a"], ["b", "b", "b"], ["a", "a"]], "nominal").alpha).toBe(1);
    expect(krippendorffAlpha([["a", "a"], ["a", "a"]], "nominal").alpha).toBeNull();
    expect(krippendorffAlpha([["a"], ["b"]], "nominal")).toEqual({ alpha: null, units: 0, values: 0 });
  });

  it("is near 0 on random data, for both metrics", () => {
    const random = seededRandom(42);
    const units = Array.from({ length: 4000 }, () => Array.from({ length: 3 }, () => 1 + Math.floor(random() * 4)));
    expect(Math.abs(krippendorffAlpha(units, "nominal").alpha!)).toBeLessThan(0.02);
    expect(Math.abs(krippendorffAlpha(units, "ordinal").alpha!)).toBeLessThan(0.02);
  });

  it("ordinal alpha counts a near miss as less disagreement than a far one; nominal does not", () => {
    // The same values (so the same marginals), paired differently: 1-2 and 3-4 against 1-4 and 2-3.
    const near = [[1, 2], [2, 1], [3, 4], [4, 3], [1, 1]];
    const far = [[1, 4], [4, 1], [2, 3], [3, 2], [1, 1]];
    expect(krippendorffAlpha(near, "ordinal").alpha!).toBeGreaterThan(krippendorffAlpha(far, "ordinal").alpha!);
    expect(krippendorffAlpha(near, "nominal").alpha).toBeCloseTo(krippendorffAlpha(far, "nominal").alpha!, 10);
  });

  it("refuses non-numeric values for the ordinal metric with a clear message", () => {
    expect(() => krippendorffAlpha([["x", "y"]], "ordinal")).toThrow(/numeric values; got "x"/);
  });
});

describe("raw pairwise agreement", () => {
  it("counts agreeing coder pairs over all pairs, per unit with two or more values", () => {
    // Unit 1: 3 coders a,a,b -> 1 of 3 pairs agree; unit 2: a,a -> 1 of 1; unit 3: one value, left out.
    expect(pairwiseAgreement([["a", "a", "b"], ["a", "a", u], ["c"]])).toEqual({ agreement: 0.5, agreeingPairs: 2, pairs: 4, units: 2 });
  });
});
