/**
 * Cohen's kappa for two raters over the same items, nominal categories:
 *   kappa = (p_o - p_e) / (1 - p_e)
 * p_o: the share of items both raters put in the same category (raw agreement);
 * p_e: the agreement expected by chance, sum over categories of the product of each rater's marginal shares.
 * When p_e = 1 (both raters used one and the same category for everything) kappa is undefined: null,
 * with raw agreement still given. Pure; lib/judges/agreement.ts and lib/quality/ use it.
 */
export type KappaResult = { n: number; observed: number; expected: number; kappa: number | null };

export function cohensKappa<T>(pairs: readonly (readonly [T, T])[]): KappaResult | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<T, number>();
  const second = new Map<T, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [category, count] of first) expected += (count / n) * ((second.get(category) ?? 0) / n);
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { n, observed, expected, kappa };
}

/** The same from a square confusion matrix (rows: rater 1's category, columns: rater 2's). */
export function cohensKappaFromMatrix(matrix: readonly (readonly number[])[]): KappaResult | null {
  const pairs: [number, number][] = [];
  matrix.forEach((row, i) => {
    if (row.length !== matrix.length) throw new Error(`row ${i} of the confusion matrix has ${row.length} cells; a ${matrix.length}x${matrix.length} matrix is needed`);
    row.forEach((count, j) => {
      for (let k = 0; k < count; k++) pairs.push([i, j]);
    });
  });
  return cohensKappa(pairs);
}
