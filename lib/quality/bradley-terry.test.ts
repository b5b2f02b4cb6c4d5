import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapBradleyTerry, compileOutcomes, fitBradleyTerry, quantile, winRateMatrix, type PairOutcome } from "./bradley-terry";

function outcomes(list: [a: string, b: string, scoreA: number, times: number][]): PairOutcome[] {
  const result: PairOutcome[] = [];
  let prompt = 0;
  for (const [a, b, scoreA, times] of list) for (let t = 0; t < times; t++) result.push({ promptId: `p${prompt++}`, a, b, scoreA });
  return result;
}

const thetaOf = (fit: { models: string[]; theta: number[] }, model: string) => fit.theta[fit.models.indexOf(model)]!;

/**
 * An independent solver for the check: Newton-Raphson on the log-likelihood in theta (with theta_0 fixed
 * at 0), from the gradient and Hessian written out directly: a different algorithm from the MM fit.
 */
function newton(models: string[], wins: number[][], games: number[][]): number[] {
  const m = models.length;
  const theta = new Array(m).fill(0);
  for (let step = 0; step < 100; step++) {
    const gradient = new Array(m).fill(0);
    const hessian = Array.from({ length: m }, () => new Array(m).fill(0));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j || !games[i]![j]) continue;
        const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
        gradient[i] += wins[i]![j]! - games[i]![j]! * p;
        const h = games[i]![j]! * p * (1 - p);
        hessian[i]![i] -= h;
        hessian[i]![j] += h;
      }
    }
    // Solve H[1:,1:] d = -g[1:] by Gaussian elimination (theta_0 is pinned).
    const n = m - 1;
    const a = Array.from({ length: n }, (_, r) => [...hessian[r + 1]!.slice(1), -gradient[r + 1]]);
    for (let c = 0; c < n; c++) {
      for (let r = c + 1; r < n; r++) {
        const f = a[r]![c]! / a[c]![c]!;
        for (let k = c; k <= n; k++) a[r]![k] -= f * a[c]![k]!;
      }
    }
    const d = new Array(n).fill(0);
    for (let r = n - 1; r >= 0; r--) {
      let s = a[r]![n]!;
      for (let k = r + 1; k < n; k++) s -= a[r]![k]! * d[k];
      d[r] = s / a[r]![r]!;
    }
    for (let r = 0; r < n; r++) theta[r + 1] += d[r];
  }
  const mean = theta.reduce((s, v) => s + v, 0) / m;
  return theta.map((v) => v - mean);
}

describe("Bradley-Terry fit", () => {
  it("two models, A wins 3 of 4: the MLE odds are 3:1 (by hand: theta_A - theta_B = ln 3)", () => {
    const fit = fitBradleyTerry(outcomes([["A", "B", 1, 3], ["A", "B", 0, 1]]), { prior: 0 });
    expect(fit.converged).toBe(true);
    expect(thetaOf(fit, "A") - thetaOf(fit, "B")).toBeCloseTo(Math.log(3), 8);
  });

  it("ties count as half a win: 2 wins, 2 ties, 0 losses is a score of 3 of 4 again", () => {
    const fit = fitBradleyTerry(outcomes([["A", "B", 1, 2], ["A", "B", 0.5, 2]]), { prior: 0 });
    expect(thetaOf(fit, "A") - thetaOf(fit, "B")).toBeCloseTo(Math.log(3), 8);
  });

  it("matches an independent Newton-Raphson solution on a three-model cycle", () => {
    const models = ["A", "B", "C"];
    // A-B: 7-3, B-C: 6-4, A-C: 4-6 (a cycle, so no model wins everything: the MLE exists).
    const data = outcomes([["A", "B", 1, 7], ["A", "B", 0, 3], ["B", "C", 1, 6], ["B", "C", 0, 4], ["A", "C", 1, 4], ["A", "C", 0, 6]]);
    const wins = [[0, 7, 4], [3, 0, 6], [6, 4, 0]];
    const games = [[0, 10, 10], [10, 0, 10], [10, 10, 0]];
    const expected = newton(models, wins, games);
    const fit = fitBradleyTerry(data, { prior: 0 });
    models.forEach((model, i) => expect(thetaOf(fit, model)).toBeCloseTo(expected[i]!, 6));
    // The likelihood equations: each model's expected score equals its actual score.
    const p = (i: number, j: number) => 1 / (1 + Math.exp(thetaOf(fit, models[j]!) - thetaOf(fit, models[i]!)));
    expect(10 * p(0, 1) + 10 * p(0, 2)).toBeCloseTo(11, 6);
  });

  it("property: a model that always wins ranks first", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 7 }), fc.array(fc.tuple(fc.nat(20), fc.nat(20), fc.constantFrom(0, 0.5, 1)), { minLength: 5, maxLength: 60 }), (m, noise) => {
        const models = Array.from({ length: m }, (_, i) => `m${i}`);
        const data: PairOutcome[] = [];
        noise.forEach(([x, y, s], k) => {
          const a = 1 + (x % (m - 1));
          const b = 1 + (y % (m - 1));
          if (a !== b) data.push({ promptId: `n${k}`, a: models[a]!, b: models[b]!, scoreA: s });
        });
        for (let i = 1; i < m; i++) data.push({ promptId: `w${i}`, a: models[0]!, b: models[i]!, scoreA: 1 }, { promptId: `v${i}`, a: models[i]!, b: models[0]!, scoreA: 0 });
        const fit = fitBradleyTerry(data);
        const best = fit.theta.indexOf(Math.max(...fit.theta.filter((v) => !Number.isNaN(v))));
        expect(fit.models[best]).toBe("m0");
      }),
      { numRuns: 60 },
    );
  });

  it("property: adding symmetric noise (equal wins both ways, or ties) keeps the order", () => {
    const base = outcomes([["A", "B", 1, 8], ["A", "B", 0, 2], ["B", "C", 1, 7], ["B", "C", 0, 3], ["A", "C", 1, 9], ["A", "C", 0, 1]]);
    const order = (fit: { models: string[]; theta: number[] }) => [...fit.models].sort((x, y) => thetaOf(fit, y) - thetaOf(fit, x));
    expect(order(fitBradleyTerry(base))).toEqual(["A", "B", "C"]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("A", "B", "C"), fc.constantFrom("A", "B", "C"), fc.boolean()), { maxLength: 40 }), (noise) => {
        const data = [...base];
        noise.forEach(([a, b, asTie], k) => {
          if (a === b) return;
          if (asTie) data.push({ promptId: `t${k}`, a, b, scoreA: 0.5 });
          else data.push({ promptId: `s${k}`, a, b, scoreA: 1 }, { promptId: `s${k}b`, a, b, scoreA: 0 });
        });
        expect(order(fitBradleyTerry(data))).toEqual(["A", "B", "C"]);
      }),
      { numRuns: 80 },
    );
  });
});

describe("bootstrap intervals", () => {
  const data = outcomes([["A", "B", 1, 30], ["A", "B", 0, 10], ["B", "C", 1, 25], ["B", "C", 0, 15], ["A", "C", 1, 32], ["A", "C", 0, 8]]);

  it("contain the point estimate, are deterministic for a seed, and differ for another seed", () => {
    const first = bootstrapBradleyTerry(data, { resamples: 300, seed: 7 });
    const again = bootstrapBradleyTerry(data, { resamples: 300, seed: 7 });
    const other = bootstrapBradleyTerry(data, { resamples: 300, seed: 8 });
    expect(first.strengths).toEqual(again.strengths);
    expect(first.strengths).not.toEqual(other.strengths);
    expect(first.strengths.map((s) => s.model)).toEqual(["A", "B", "C"]);
    for (const s of first.strengths) {
      expect(s.low!).toBeLessThanOrEqual(s.theta);
      expect(s.high!).toBeGreaterThanOrEqual(s.theta);
    }
  });

  it("resamples prompts, not pairs: comparisons of one prompt move together, so intervals widen", () => {
    // The same 120 outcomes, once as 120 prompts and once as 12 prompts of 10 identical outcomes.
    const perPrompt = data;
    const grouped = data.map((o, i) => ({ ...o, promptId: `g${Math.floor(i / 10)}` }));
    const width = (r: ReturnType<typeof bootstrapBradleyTerry>) => r.strengths.find((s) => s.model === "A")!.high! - r.strengths.find((s) => s.model === "A")!.low!;
    expect(width(bootstrapBradleyTerry(grouped, { resamples: 400, seed: 1 }))).toBeGreaterThan(width(bootstrapBradleyTerry(perPrompt, { resamples: 400, seed: 1 })));
  });

  it("narrows as data grows (the same win rates, 4x the prompts)", () => {
    const four = [0, 1, 2, 3].flatMap((k) => data.map((o) => ({ ...o, promptId: `${o.promptId}-${k}` })));
    const width = (r: ReturnType<typeof bootstrapBradleyTerry>) => r.strengths[0]!.high! - r.strengths[0]!.low!;
    const small = width(bootstrapBradleyTerry(data, { resamples: 400, seed: 3 }));
    const large = width(bootstrapBradleyTerry(four, { resamples: 400, seed: 3 }));
    // Standard error shrinks as 1/sqrt(n): about half.
    expect(large / small).toBeGreaterThan(0.35);
    expect(large / small).toBeLessThan(0.7);
  });

  it("quantile interpolates linearly (R type 7)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 10);
  });
});

describe("win-rate matrix", () => {
  it("counts wins, ties and losses per ordered pair, with ties as half in the rate", () => {
    const m = winRateMatrix(outcomes([["A", "B", 1, 3], ["A", "B", 0.5, 2], ["B", "A", 1, 1]]));
    const ab = m.cells.find((c) => c.a === "A" && c.b === "B")!;
    const ba = m.cells.find((c) => c.a === "B" && c.b === "A")!;
    expect(ab).toMatchObject({ wins: 3, ties: 2, losses: 1, comparisons: 6, winRate: 4 / 6 });
    expect(ba).toMatchObject({ wins: 1, ties: 2, losses: 3, comparisons: 6, winRate: 2 / 6 });
  });

  it("compiles outcomes per prompt and counts comparisons", () => {
    const compiled = compileOutcomes([{ promptId: "p", a: "A", b: "B", scoreA: 1 }, { promptId: "p", a: "B", b: "A", scoreA: 0.5 }]);
    expect(compiled.prompts).toBe(1);
    expect(compiled.comparisons).toBe(2);
    expect([...compiled.scoreI]).toEqual([1.5]);
  });
});
