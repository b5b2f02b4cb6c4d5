/**
 * Krippendorff's alpha, from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", sections C and E):
 *
 *   alpha = 1 - (n - 1) * sum_{c,k} o_ck * delta2(c, k) / sum_{c,k} n_c * n_k * delta2(c, k)
 *
 * where o_ck counts, within each unit with m_u >= 2 values, every ordered pair of values from different
 * coders, weighted 1 / (m_u - 1); n_c = sum_k o_ck and n = sum_c n_c. Units with fewer than two values are
 * not pairable and leave the data. Missing values are `undefined` (or `null`): never a category.
 */

export type AlphaMetric = "nominal" | "ordinal" | "interval";
export type AlphaValue = string | number;

export type AlphaResult = {
  /** null when nothing is pairable or every pairable value is the same (no expected disagreement). */
  alpha: number | null;
  /** Units with at least two values (the items alpha rests on). */
  units: number;
  /** Pairable values (n). */
  values: number;
};

/** `units[u]` lists the values the coders gave unit u (one entry per coder; undefined or null = missing). */
export function krippendorffAlpha(units: readonly (readonly (AlphaValue | null | undefined)[])[], metric: AlphaMetric): AlphaResult {
  const coincidences = new Coincidences();
  const present: AlphaValue[] = [];
  for (const unit of units) {
    present.length = 0;
    for (const value of unit) if (value !== undefined && value !== null) present.push(value);
    coincidences.addUnit(present);
  }
  return coincidences.alpha(metric);
}

/**
 * The coincidence matrix, filled one unit at a time (so that callers with their data in columns need
 * not build one array per unit), and alpha from it. `krippendorffAlpha` is this over a list of units.
 */
export class Coincidences {
  private readonly index = new Map<AlphaValue, number>();
  private o = new Float64Array(16);
  private size = 4;
  private counts = new Float64Array(4);
  private units = 0;

  /** One unit's values (missing ones left out); a unit with fewer than two is not pairable and is ignored. */
  addUnit(values: readonly AlphaValue[]) {
    const m = values.length;
    if (m < 2) return;
    this.units += 1;
    const ids: number[] = [];
    for (const value of values) {
      let i = this.index.get(value);
      if (i === undefined) {
        i = this.index.size;
        this.index.set(value, i);
        if (i >= this.size) this.grow();
      }
      ids.push(i);
    }
    const touched: number[] = [];
    for (const i of ids) {
      if (this.counts[i] === 0) touched.push(i);
      this.counts[i]! += 1;
    }
    const size = this.size;
    for (const c of touched) {
      for (const k of touched) {
        const pairs = c === k ? this.counts[c]! * (this.counts[c]! - 1) : this.counts[c]! * this.counts[k]!;
        this.o[c * size + k]! += pairs / (m - 1);
      }
    }
    for (const c of touched) this.counts[c] = 0;
  }

  private grow() {
    const size = this.size * 2;
    const o = new Float64Array(size * size);
    for (let c = 0; c < this.size; c++) for (let k = 0; k < this.size; k++) o[c * size + k] = this.o[c * this.size + k]!;
    this.o = o;
    this.counts = new Float64Array(size);
    this.size = size;
  }

  alpha(metric: AlphaMetric): AlphaResult {
    const size = this.index.size;
    const stride = this.size;
    const o = (c: number, k: number) => this.o[c * stride + k]!;
    const marginals = new Float64Array(size);
    for (let c = 0; c < size; c++) for (let k = 0; k < size; k++) marginals[c]! += o(c, k);
    const n = marginals.reduce((sum, value) => sum + value, 0);
    const values = [...this.index.keys()];
    const delta2 = distance(metric, values, marginals);
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < size; c++) {
      for (let k = 0; k < size; k++) {
        const d = delta2(c, k);
        if (d === 0) continue;
        observed += o(c, k) * d;
        expected += marginals[c]! * marginals[k]! * d;
      }
    }
    const result = { units: this.units, values: Math.round(n) };
    if (n < 2 || expected === 0) return { alpha: null, ...result };
    return { alpha: 1 - ((n - 1) * observed) / expected, ...result };
  }
}

function distance(metric: AlphaMetric, values: AlphaValue[], marginals: Float64Array): (c: number, k: number) => number {
  if (metric === "nominal") return (c, k) => (c === k ? 0 : 1);
  const numeric = values.map((value) => {
    const number = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(number)) throw new Error(`Krippendorff's ${metric} alpha needs numeric values; got ${JSON.stringify(value)}.`);
    return number;
  });
  if (metric === "interval") return (c, k) => (numeric[c]! - numeric[k]!) ** 2;
  // Ordinal: delta(c, k) = sum of the marginals from c to k, less half of the two ends (section E).
  const order = numeric.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
  const rankOf = new Int32Array(values.length);
  order.forEach((entry, rank) => (rankOf[entry.i] = rank));
  const cumulative = new Float64Array(order.length + 1);
  order.forEach((entry, rank) => (cumulative[rank + 1] = cumulative[rank]! + marginals[entry.i]!));
  return (c, k) => {
    let lo = rankOf[c]!;
    let hi = rankOf[k]!;
    if (lo === hi) return 0;
    if (lo > hi) [lo, hi] = [hi, lo];
    const between = cumulative[hi + 1]! - cumulative[lo]!;
    return (between - (marginals[c]! + marginals[k]!) / 2) ** 2;
  };
}

/**
 * Raw pairwise agreement: of all pairs of coders who rated the same unit, the share that gave the same
 * value. Returns the agreeing and total pairs and the units they come from.
 */
export function pairwiseAgreement(units: readonly (readonly (AlphaValue | null | undefined)[])[]): { agreement: number | null; agreeingPairs: number; pairs: number; units: number } {
  let agreeingPairs = 0;
  let pairs = 0;
  let unitCount = 0;
  for (const unit of units) {
    const tally = new Map<AlphaValue, number>();
    let m = 0;
    for (const value of unit) {
      if (value === undefined || value === null) continue;
      tally.set(value, (tally.get(value) ?? 0) + 1);
      m += 1;
    }
    if (m < 2) continue;
    unitCount += 1;
    pairs += (m * (m - 1)) / 2;
    for (const count of tally.values()) agreeingPairs += (count * (count - 1)) / 2;
  }
  return { agreement: pairs ? agreeingPairs / pairs : null, agreeingPairs, pairs, units: unitCount };
}
