/**
 * Bradley-Terry strengths by maximum likelihood, with bootstrap intervals that resample prompts.
 *
 * Model: P(i beats j) = p_i / (p_i + p_j), strengths reported as theta_i = ln p_i, centred so the mean
 * theta is 0 (a difference of 1 means odds of e:1). Ties (and "both bad") count as half a win for each
 * side, as Chatbot Arena does. Fitted with Hunter's (2004) MM iteration
 * p_i <- W_i / sum_j n_ij / (p_i + p_j), which increases the likelihood at every step.
 *
 * `prior` adds that many virtual ties to every pair of models that met, so a model that won (or lost)
 * every comparison gets a large finite strength instead of an infinite one; 0 gives the plain MLE (which
 * exists only when the comparison graph is strongly connected). Models that never meet each other,
 * directly or through others, are not comparable: their strengths are each centred on their own.
 */

export type PairOutcome = {
  /** The unit the bootstrap resamples. */
  promptId: string;
  a: string;
  b: string;
  /** a's result: 1 win, 0.5 tie, 0 loss. */
  scoreA: number;
};

export type FitOptions = { prior?: number; maxIterations?: number; tolerance?: number };
export type BradleyTerryFit = { models: string[]; theta: number[]; iterations: number; converged: boolean; comparisons: number };

export const DEFAULT_PRIOR = 0.1;

/** Outcomes compiled once: per prompt, its aggregated pair scores (what the bootstrap adds up). */
export type CompiledOutcomes = {
  models: string[];
  prompts: number;
  /** Entries of prompt p are [promptStart[p], promptStart[p + 1]). */
  promptStart: Int32Array;
  pairI: Int32Array;
  pairJ: Int32Array;
  /** Score of model i against j in that prompt (wins + half ties), and the comparisons. */
  scoreI: Float64Array;
  count: Float64Array;
  comparisons: number;
};

export function compileOutcomes(outcomes: readonly PairOutcome[], modelOrder?: readonly string[]): CompiledOutcomes {
  const modelIndex = new Map<string, number>();
  for (const model of modelOrder ?? []) if (!modelIndex.has(model)) modelIndex.set(model, modelIndex.size);
  const indexOf = (model: string) => {
    let i = modelIndex.get(model);
    if (i === undefined) modelIndex.set(model, (i = modelIndex.size));
    return i;
  };
  const byPrompt = new Map<string, Map<number, { score: number; count: number }>>();
  for (const outcome of outcomes) {
    if (outcome.a === outcome.b) continue;
    if (!(outcome.scoreA === 0 || outcome.scoreA === 0.5 || outcome.scoreA === 1)) throw new Error(`scoreA must be 0, 0.5 or 1; got ${outcome.scoreA}.`);
    let i = indexOf(outcome.a);
    let j = indexOf(outcome.b);
    let score = outcome.scoreA;
    if (i > j) {
      [i, j] = [j, i];
      score = 1 - score;
    }
    let pairs = byPrompt.get(outcome.promptId);
    if (!pairs) byPrompt.set(outcome.promptId, (pairs = new Map()));
    const key = i * 65536 + j;
    const entry = pairs.get(key);
    if (entry) {
      entry.score += score;
      entry.count += 1;
    } else pairs.set(key, { score, count: 1 });
  }
  let entries = 0;
  for (const pairs of byPrompt.values()) entries += pairs.size;
  const promptStart = new Int32Array(byPrompt.size + 1);
  const pairI = new Int32Array(entries);
  const pairJ = new Int32Array(entries);
  const scoreI = new Float64Array(entries);
  const count = new Float64Array(entries);
  let e = 0;
  let p = 0;
  let comparisons = 0;
  for (const pairs of byPrompt.values()) {
    promptStart[p++] = e;
    for (const [key, entry] of pairs) {
      pairI[e] = Math.floor(key / 65536);
      pairJ[e] = key % 65536;
      scoreI[e] = entry.score;
      count[e] = entry.count;
      comparisons += entry.count;
      e++;
    }
  }
  promptStart[p] = e;
  return { models: [...modelIndex.keys()], prompts: byPrompt.size, promptStart, pairI, pairJ, scoreI, count, comparisons };
}

/** Fits strengths to the outcomes. */
export function fitBradleyTerry(outcomes: readonly PairOutcome[] | CompiledOutcomes, options: FitOptions = {}): BradleyTerryFit {
  const compiled = "promptStart" in outcomes ? outcomes : compileOutcomes(outcomes);
  const m = compiled.models.length;
  const wins = new Float64Array(m * m);
  const games = new Float64Array(m * m);
  for (let e = 0; e < compiled.pairI.length; e++) accumulate(wins, games, m, compiled, e, 1);
  const result = fitMatrix(wins, games, m, options);
  return { models: compiled.models, ...result, comparisons: compiled.comparisons };
}

function accumulate(wins: Float64Array, games: Float64Array, m: number, compiled: CompiledOutcomes, e: number, weight: number) {
  const i = compiled.pairI[e]!;
  const j = compiled.pairJ[e]!;
  const n = compiled.count[e]! * weight;
  const s = compiled.scoreI[e]! * weight;
  wins[i * m + j]! += s;
  wins[j * m + i]! += n - s;
  games[i * m + j]! += n;
  games[j * m + i]! += n;
}

/**
 * MM on aggregated matrices: wins[i*m+j] = i's score against j, games[i*m+j] = comparisons of i and j.
 * `start` (thetas) warm-starts the iteration (the bootstrap starts from the full fit).
 */
export function fitMatrix(
  wins: Float64Array,
  games: Float64Array,
  m: number,
  { prior = DEFAULT_PRIOR, maxIterations = 10_000, tolerance = 1e-10 }: FitOptions = {},
  start?: readonly number[],
): { theta: number[]; iterations: number; converged: boolean } {
  const n = new Float64Array(m * m);
  const w = new Float64Array(m);
  const present = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const g = games[i * m + j]!;
      if (g <= 0) continue;
      n[i * m + j] = g + 2 * prior;
      w[i]! += wins[i * m + j]! + prior;
      present[i] = 1;
    }
  }
  const p = new Float64Array(m);
  for (let i = 0; i < m; i++) p[i] = present[i] ? Math.exp(start?.[i] ?? 0) : NaN;
  let iterations = 0;
  let converged = false;
  const next = new Float64Array(m);
  while (iterations < maxIterations) {
    iterations++;
    let change = 0;
    for (let i = 0; i < m; i++) {
      if (!present[i]) continue;
      let denominator = 0;
      const row = i * m;
      for (let j = 0; j < m; j++) {
        const nij = n[row + j]!;
        if (nij > 0) denominator += nij / (p[i]! + p[j]!);
      }
      next[i] = w[i]! / denominator;
    }
    // Centre the logs each step (the likelihood is unchanged by a common factor).
    let logSum = 0;
    let count = 0;
    for (let i = 0; i < m; i++) {
      if (!present[i]) continue;
      // A model with no score at all (prior 0, never won) goes to strength 0: keep it tiny and finite.
      next[i] = Math.max(next[i]!, 1e-300);
      logSum += Math.log(next[i]!);
      count++;
    }
    const shift = Math.exp(-logSum / Math.max(count, 1));
    for (let i = 0; i < m; i++) {
      if (!present[i]) continue;
      const value = next[i]! * shift;
      change = Math.max(change, Math.abs(Math.log(value) - Math.log(p[i]!)));
      p[i] = value;
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  return { theta: [...p].map((value) => (Number.isNaN(value) ? NaN : Math.log(value))), iterations, converged };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same resamples. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type StrengthInterval = { model: string; theta: number; low: number | null; high: number | null; comparisons: number };
export type BootstrapResult = {
  fit: BradleyTerryFit;
  strengths: StrengthInterval[];
  resamples: number;
  seed: number;
  level: number;
  /** Each model's theta in every resample (in fit.models order; NaN when it had no comparison there): for intervals of differences. */
  samples: Float64Array[];
};

/**
 * Percentile bootstrap of the strengths: each resample draws as many prompts as there are, with
 * replacement (all of a prompt's comparisons go together, since judgments of one prompt are not
 * independent), and refits. Returns each model's 2.5th and 97.5th percentile (level 0.95), sorted by
 * strength. Deterministic for a seed.
 */
export function bootstrapBradleyTerry(
  outcomes: readonly PairOutcome[] | CompiledOutcomes,
  { resamples = 1000, seed = 1, level = 0.95, ...fitOptions }: FitOptions & { resamples?: number; seed?: number; level?: number } = {},
): BootstrapResult {
  const compiled = "promptStart" in outcomes ? outcomes : compileOutcomes(outcomes);
  const fit = fitBradleyTerry(compiled, fitOptions);
  const m = compiled.models.length;
  const random = seededRandom(seed);
  const samples: Float64Array[] = compiled.models.map(() => new Float64Array(resamples));
  const multiplicity = new Float64Array(compiled.prompts);
  const wins = new Float64Array(m * m);
  const games = new Float64Array(m * m);
  for (let r = 0; r < resamples; r++) {
    multiplicity.fill(0);
    for (let k = 0; k < compiled.prompts; k++) multiplicity[Math.floor(random() * compiled.prompts)]! += 1;
    wins.fill(0);
    games.fill(0);
    for (let p = 0; p < compiled.prompts; p++) {
      const weight = multiplicity[p]!;
      if (!weight) continue;
      for (let e = compiled.promptStart[p]!; e < compiled.promptStart[p + 1]!; e++) accumulate(wins, games, m, compiled, e, weight);
    }
    const { theta } = fitMatrix(wins, games, m, { ...fitOptions, tolerance: fitOptions.tolerance ?? 1e-7 }, fit.theta);
    for (let i = 0; i < m; i++) samples[i]![r] = theta[i]!;
  }
  const comparisonsOf = new Float64Array(m);
  for (let e = 0; e < compiled.pairI.length; e++) {
    comparisonsOf[compiled.pairI[e]!]! += compiled.count[e]!;
    comparisonsOf[compiled.pairJ[e]!]! += compiled.count[e]!;
  }
  const tail = (1 - level) / 2;
  const strengths = compiled.models.map((model, i) => {
    const present = [...samples[i]!].filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
    return {
      model,
      theta: fit.theta[i]!,
      low: present.length ? quantile(present, tail) : null,
      high: present.length ? quantile(present, 1 - tail) : null,
      comparisons: comparisonsOf[i]!,
    };
  });
  strengths.sort((a, b) => b.theta - a.theta);
  return { fit, strengths, resamples, seed, level, samples };
}

/** Percentile interval of theta_a - theta_b over the resamples (paired: the same resample for both). */
export function differenceInterval(result: BootstrapResult, a: string, b: string): { difference: number; low: number | null; high: number | null } | null {
  const i = result.fit.models.indexOf(a);
  const j = result.fit.models.indexOf(b);
  if (i < 0 || j < 0) return null;
  const differences: number[] = [];
  for (let r = 0; r < result.resamples; r++) {
    const d = result.samples[i]![r]! - result.samples[j]![r]!;
    if (!Number.isNaN(d)) differences.push(d);
  }
  differences.sort((x, y) => x - y);
  const tail = (1 - result.level) / 2;
  return {
    difference: result.fit.theta[i]! - result.fit.theta[j]!,
    low: differences.length ? quantile(differences, tail) : null,
    high: differences.length ? quantile(differences, 1 - tail) : null,
  };
}

/** Linear-interpolation quantile (R type 7) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

export type WinRateCell = { a: string; b: string; wins: number; ties: number; losses: number; comparisons: number; winRate: number | null };

/** For every ordered pair of models that met: a's wins, ties and losses against b, and its win rate (ties as half). */
export function winRateMatrix(outcomes: readonly PairOutcome[]): { models: string[]; cells: WinRateCell[] } {
  const cells = new Map<string, WinRateCell>();
  const models = new Set<string>();
  const cell = (a: string, b: string) => {
    const key = `${a}\u0000${b}`;
    let found = cells.get(key);
    if (!found) cells.set(key, (found = { a, b, wins: 0, ties: 0, losses: 0, comparisons: 0, winRate: null }));
    return found;
  };
  for (const outcome of outcomes) {
    if (outcome.a === outcome.b) continue;
    models.add(outcome.a);
    models.add(outcome.b);
    const forward = cell(outcome.a, outcome.b);
    const backward = cell(outcome.b, outcome.a);
    forward.comparisons++;
    backward.comparisons++;
    if (outcome.scoreA === 1) {
      forward.wins++;
      backward.losses++;
    } else if (outcome.scoreA === 0) {
      forward.losses++;
      backward.wins++;
    } else {
      forward.ties++;
      backward.ties++;
    }
  }
  for (const value of cells.values()) value.winRate = value.comparisons ? (value.wins + value.ties / 2) / value.comparisons : null;
  return { models: [...models].sort(), cells: [...cells.values()] };
}
