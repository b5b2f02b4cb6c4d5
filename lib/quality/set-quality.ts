import { Coincidences, type AlphaResult } from "./krippendorff";
import { goldStanding } from "./gold";
import { packJudgments, type PackedJudgments } from "./packed-judgments";

/**
 * A prompt set's quality figures from plain rows (the service reads them; bench and tests build them):
 * agreement (Krippendorff's alpha, raw pairwise agreement, majority share, per day), per-annotator
 * statistics with outliers marked, and the most split prompts. Only annotators' judgments (source HUMAN)
 * count; gold prompts are left out of agreement and disagreements (every member judges them, and they
 * are measured against their gold verdict instead).
 */

export type QualityCandidate = { candidateId: string; position: number; rank: number | null; length: number };
export type QualityJudgment = {
  id: string;
  promptId: string;
  annotatorId: string | null;
  source: string;
  outcome: "PREFERENCE" | "TIE" | "ALL_BAD";
  timeSpentMs: number;
  createdAt: Date;
  candidates: readonly QualityCandidate[];
};
export type QualityInput = {
  mode: "PAIRWISE" | "RANKING";
  judgments: readonly QualityJudgment[];
  /** Skipped leases per annotator. */
  skips: ReadonlyMap<string, number>;
  /** Gold prompts: expected rank per candidate id. */
  gold: ReadonlyMap<string, ReadonlyMap<string, number | null>>;
  goldThresholds: { minItems: number; minAccuracy: number };
};

export type AnnotatorQuality = {
  annotatorId: string;
  judgments: number;
  medianTimeMs: number | null;
  /** Agreement with the majority of the other annotators on the same prompt (leave-one-out), and on how many items. */
  looAgreement: number | null;
  looItems: number;
  goldItems: number;
  goldCorrect: number;
  goldAccuracy: number | null;
  goldFlagged: boolean;
  /** Preference verdicts whose single best answer was shown first (left / top), over preference verdicts. */
  leftPickRate: number | null;
  /** What picking the first one by chance would give on the same items (1 / answers shown). */
  leftPickChance: number | null;
  preferenceJudgments: number;
  /** Preference verdicts whose single best answer was the single longest, over those with a single longest. */
  longerPickRate: number | null;
  longerPickItems: number;
  tieRate: number | null;
  bothBadRate: number | null;
  skips: number;
  outlier: boolean;
  /** Why the annotator is marked, as keys under quality.outlierReason with their figures (shares 0..1). */
  outlierReasons: OutlierReason[];
};

export type Disagreement = { promptId: string; judgments: number; majorityShare: number; distinctVerdicts: number };
export type AgreementDay = { day: string; pairs: number; agreeingPairs: number; agreement: number | null };

export type SetQuality = {
  mode: "PAIRWISE" | "RANKING";
  judgments: number;
  agreement: {
    alpha: AlphaResult & { metric: "nominal" | "ordinal" };
    pairwise: { agreement: number | null; agreeingPairs: number; pairs: number; units: number };
    /** Judgments agreeing with their item's majority verdict, over judgments on items with >= 2. */
    majorityShare: number | null;
    majorityItems: number;
  };
  overTime: AgreementDay[];
  annotators: AnnotatorQuality[];
  disagreements: Disagreement[];
};

/** The outlier rules, each worded under quality.outlierRule (and its finding under quality.outlierReason). */
export const OUTLIER_RULES = ["looAgreement", "leftPick", "gold"] as const;
export type OutlierRule = (typeof OUTLIER_RULES)[number];
export type OutlierReason = { key: OutlierRule; params: Record<string, number> };

/** The input in columns (see packed-judgments.ts). */
export type PackedQualityInput = {
  mode: "PAIRWISE" | "RANKING";
  judgments: PackedJudgments;
  /** Skipped leases per annotator id. */
  skips: ReadonlyMap<string, number>;
  /** Gold prompts by prompt index: expected rank by candidate index (0 = no rank); a gold candidate no judgment shows has a negative index. */
  gold: ReadonlyMap<number, ReadonlyMap<number, number>>;
  goldThresholds: { minItems: number; minAccuracy: number };
};

/** The statistics from judgments given as objects: packs them and computes (see computePackedSetQuality). */
export function computeSetQuality(input: QualityInput, options: { disagreementLimit?: number } = {}): SetQuality {
  const judgments = packJudgments(input.judgments);
  const promptIndex = new Map(judgments.promptIds.map((id, i) => [id, i]));
  const candidateIndex = new Map(judgments.candidateIds.map((id, i) => [id, i]));
  const gold = packGold(input.gold, (id) => promptIndex.get(id), (id) => candidateIndex.get(id));
  return computePackedSetQuality({ mode: input.mode, judgments, skips: input.skips, gold, goldThresholds: input.goldThresholds }, options);
}

/** Gold ranks by ids (null = no rank) to gold by indexes; gold prompts nobody judged are left out (nothing to grade or exclude). */
export function packGold(gold: ReadonlyMap<string, ReadonlyMap<string, number | null>>, promptIndex: (id: string) => number | undefined, candidateIndex: (id: string) => number | undefined): Map<number, Map<number, number>> {
  const packed = new Map<number, Map<number, number>>();
  for (const [promptId, ranks] of gold) {
    const prompt = promptIndex(promptId);
    if (prompt === undefined) continue;
    const expected = new Map<number, number>();
    let unknown = -1;
    for (const [candidateId, rank] of ranks) expected.set(candidateIndex(candidateId) ?? unknown--, rank ?? 0);
    packed.set(prompt, expected);
  }
  return packed;
}

const PAIR_CATEGORY = { first: 0, second: 1, tie: 2, bothBad: 3, other: 4 } as const;
const DAY_SECONDS = 86_400;

/**
 * The statistics from judgments in columns. Items (units) are a prompt's judgments on the same set of
 * candidates; a verdict is each candidate's rank, candidates in id order, so the same verdict shown in a
 * different order is the same verdict (the rule of agreement-share.ts's verdictKey).
 */
export function computePackedSetQuality(input: PackedQualityInput, { disagreementLimit = 50 } = {}): SetQuality {
  const J = input.judgments;
  const n = J.count;
  const annotatorCount = J.annotatorIds.length;
  const promptCount = J.promptIds.length;
  const candidateCount = J.candidateIds.length;

  // Per annotator, one slot each.
  const count = new Int32Array(annotatorCount);
  const ties = new Int32Array(annotatorCount);
  const bad = new Int32Array(annotatorCount);
  const preference = new Int32Array(annotatorCount);
  const leftPicks = new Int32Array(annotatorCount);
  const leftChance = new Float64Array(annotatorCount);
  const longer = new Int32Array(annotatorCount);
  const longerItems = new Int32Array(annotatorCount);
  const looAgree = new Int32Array(annotatorCount);
  const looItems = new Int32Array(annotatorCount);
  const goldItems = new Int32Array(annotatorCount);
  const goldCorrect = new Int32Array(annotatorCount);

  for (let i = 0; i < n; i++) {
    const a = J.annotator[i]!;
    const outcome = J.outcome[i]!;
    const from = J.start[i]!;
    const to = J.start[i + 1]!;
    count[a]! += 1;
    if (outcome === 1) ties[a]! += 1;
    else if (outcome === 2) bad[a]! += 1;
    const expected = input.gold.get(J.prompt[i]!);
    if (expected) {
      const match = matchesPackedGold(expected, J, from, to);
      if (match !== null) {
        goldItems[a]! += 1;
        if (match) goldCorrect[a]! += 1;
      }
    }
    if (outcome !== 0) continue;
    let best = -1;
    let bests = 0;
    for (let e = from; e < to; e++) {
      if (J.rank[e] === 1) {
        best = e;
        bests += 1;
      }
    }
    if (bests !== 1) continue;
    preference[a]! += 1;
    leftChance[a]! += 1 / (to - from);
    if (best === from) leftPicks[a]! += 1;
    let longest = -1;
    let longestAt = -1;
    let longestCount = 0;
    for (let e = from; e < to; e++) {
      const length = J.candidateLength[J.candidate[e]!]!;
      if (length > longest) {
        longest = length;
        longestAt = e;
        longestCount = 1;
      } else if (length === longest) longestCount += 1;
    }
    if (longestCount === 1) {
      longerItems[a]! += 1;
      if (longestAt === best) longer[a]! += 1;
    }
  }

  // Judgments by prompt (a counting sort keeps each prompt's judgments in input order).
  const promptStart = new Int32Array(promptCount + 1);
  for (let i = 0; i < n; i++) promptStart[J.prompt[i]! + 1]! += 1;
  for (let p = 0; p < promptCount; p++) promptStart[p + 1]! += promptStart[p]!;
  const byPrompt = new Int32Array(n);
  const fill = promptStart.slice(0, promptCount);
  for (let i = 0; i < n; i++) byPrompt[fill[J.prompt[i]!]!++] = i;

  const coincidences = new Coincidences();
  let pairs = 0;
  let agreeingPairs = 0;
  let pairUnits = 0;
  let majorityAgreeing = 0;
  let majorityTotal = 0;
  let majorityItems = 0;
  const disagreements: Disagreement[] = [];
  const days = new Map<number, { pairs: number; agreeingPairs: number }>();

  const signature = (i: number): number | string => {
    const from = J.start[i]!;
    const to = J.start[i + 1]!;
    if (to - from === 2) {
      const x = J.candidate[from]!;
      const y = J.candidate[from + 1]!;
      return x < y ? x * candidateCount + y : y * candidateCount + x;
    }
    return Array.from(J.candidate.subarray(from, to)).sort((x, y) => x - y).join(",");
  };
  // A verdict as a value comparable within its item: the ranks in candidate-index order.
  const verdict = (i: number): number | string => {
    const from = J.start[i]!;
    const to = J.start[i + 1]!;
    if (to - from === 2) {
      const lowFirst = J.candidate[from]! < J.candidate[from + 1]!;
      const low = J.rank[lowFirst ? from : from + 1]!;
      const high = J.rank[lowFirst ? from + 1 : from]!;
      return low * 64 + high;
    }
    const order: number[] = [];
    for (let e = from; e < to; e++) order.push(e);
    order.sort((x, y) => J.candidate[x]! - J.candidate[y]!);
    return order.map((e) => J.rank[e]).join(",");
  };
  const pairCategory = (i: number): number => {
    const from = J.start[i]!;
    if (J.start[i + 1]! - from !== 2) return PAIR_CATEGORY.other;
    const lowFirst = J.candidate[from]! < J.candidate[from + 1]!;
    const x = J.rank[lowFirst ? from : from + 1]!;
    const y = J.rank[lowFirst ? from + 1 : from]!;
    if (x === 0 || y === 0) return PAIR_CATEGORY.bothBad;
    return x < y ? PAIR_CATEGORY.first : x > y ? PAIR_CATEGORY.second : PAIR_CATEGORY.tie;
  };

  const values: number[] = [];
  const codes: (number | string)[] = [];
  const distinctCodes: (number | string)[] = [];
  const distinctCounts: number[] = [];
  const processUnit = (unit: readonly number[]) => {
    const m = unit.length;
    if (input.mode === "PAIRWISE") {
      values.length = 0;
      for (const i of unit) values.push(pairCategory(i));
      coincidences.addUnit(values);
    }
    if (m < 2) return;
    codes.length = 0;
    distinctCodes.length = 0;
    distinctCounts.length = 0;
    for (const i of unit) {
      const code = verdict(i);
      codes.push(code);
      const at = distinctCodes.indexOf(code);
      if (at === -1) {
        distinctCodes.push(code);
        distinctCounts.push(1);
      } else distinctCounts[at]! += 1;
    }
    pairUnits += 1;
    pairs += (m * (m - 1)) / 2;
    let top = 0;
    for (const c of distinctCounts) {
      agreeingPairs += (c * (c - 1)) / 2;
      if (c > top) top = c;
    }
    majorityAgreeing += top;
    majorityTotal += m;
    majorityItems += 1;
    if (distinctCodes.length > 1) disagreements.push({ promptId: J.promptIds[J.prompt[unit[0]!]!]!, judgments: m, majorityShare: top / m, distinctVerdicts: distinctCodes.length });
    // Leave-one-out: a verdict agrees when it is among the most common of the others' (several when they tie).
    for (let k = 0; k < m; k++) {
      const own = distinctCodes.indexOf(codes[k]!);
      let otherTop = 0;
      for (let d = 0; d < distinctCounts.length; d++) if (d !== own && distinctCounts[d]! > otherTop) otherTop = distinctCounts[d]!;
      const a = J.annotator[unit[k]!]!;
      looItems[a]! += 1;
      if (distinctCounts[own]! - 1 >= otherTop) looAgree[a]! += 1;
    }
    // Per day: each pair counts on the day of its later judgment.
    const byTime = unit.map((_, k) => k).sort((x, y) => J.createdAt[unit[x]!]! - J.createdAt[unit[y]!]! || x - y);
    for (let later = 1; later < m; later++) {
      const day = Math.floor(J.createdAt[unit[byTime[later]!]!]! / DAY_SECONDS);
      let bucket = days.get(day);
      if (!bucket) days.set(day, (bucket = { pairs: 0, agreeingPairs: 0 }));
      const code = codes[byTime[later]!];
      bucket.pairs += later;
      for (let earlier = 0; earlier < later; earlier++) if (codes[byTime[earlier]!] === code) bucket.agreeingPairs += 1;
    }
  };

  const rankLists = new Map<number, number[]>();
  for (let p = 0; p < promptCount; p++) {
    if (input.gold.has(p)) continue;
    const from = promptStart[p]!;
    const to = promptStart[p + 1]!;
    if (from === to) continue;
    const judgments = Array.from(byPrompt.subarray(from, to));
    const first = signature(judgments[0]!);
    if (judgments.every((i) => signature(i) === first)) processUnit(judgments);
    else {
      const units = new Map<number | string, number[]>();
      for (const i of judgments) {
        const key = signature(i);
        const unit = units.get(key);
        if (unit) unit.push(i);
        else units.set(key, [i]);
      }
      for (const unit of units.values()) processUnit(unit);
    }
    if (input.mode === "RANKING") {
      // Ordinal alpha's items are (prompt, candidate): every rank a candidate got in the prompt.
      rankLists.clear();
      for (const i of judgments) {
        for (let e = J.start[i]!; e < J.start[i + 1]!; e++) {
          if (J.rank[e] === 0) continue;
          const list = rankLists.get(J.candidate[e]!);
          if (list) list.push(J.rank[e]!);
          else rankLists.set(J.candidate[e]!, [J.rank[e]!]);
        }
      }
      for (const list of rankLists.values()) coincidences.addUnit(list);
    }
  }

  const metric = input.mode === "PAIRWISE" ? "nominal" : "ordinal";
  const alpha = { ...coincidences.alpha(metric), metric } as const;
  disagreements.sort((a, b) => a.majorityShare - b.majorityShare || b.judgments - a.judgments || (a.promptId < b.promptId ? -1 : 1));
  const overTime = [...days]
    .sort(([a], [b]) => a - b)
    .map(([day, bucket]) => ({ day: new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10), ...bucket, agreement: bucket.pairs ? bucket.agreeingPairs / bucket.pairs : null }));

  // Median time per annotator: times grouped by annotator, each group sorted in place.
  const annotatorStart = new Int32Array(annotatorCount + 1);
  for (let a = 0; a < annotatorCount; a++) annotatorStart[a + 1] = annotatorStart[a]! + count[a]!;
  const times = new Float64Array(n);
  const timeFill = annotatorStart.slice(0, annotatorCount);
  for (let i = 0; i < n; i++) times[timeFill[J.annotator[i]!]!++] = J.timeSpentMs[i]!;

  const rows: AnnotatorQuality[] = J.annotatorIds.map((annotatorId, a) => {
    const own = times.subarray(annotatorStart[a]!, annotatorStart[a + 1]!).sort();
    const goldResults = Array.from({ length: goldItems[a]! }, (_, k) => k < goldCorrect[a]!);
    const gold = goldStanding(goldResults, input.goldThresholds);
    const judgments = count[a]!;
    return {
      annotatorId,
      judgments,
      medianTimeMs: sortedMedian(own),
      looAgreement: looItems[a] ? looAgree[a]! / looItems[a]! : null,
      looItems: looItems[a]!,
      goldItems: gold.items,
      goldCorrect: gold.correct,
      goldAccuracy: gold.accuracy,
      goldFlagged: gold.flagged,
      leftPickRate: preference[a] ? leftPicks[a]! / preference[a]! : null,
      leftPickChance: preference[a] ? leftChance[a]! / preference[a]! : null,
      preferenceJudgments: preference[a]!,
      longerPickRate: longerItems[a] ? longer[a]! / longerItems[a]! : null,
      longerPickItems: longerItems[a]!,
      tieRate: judgments ? ties[a]! / judgments : null,
      bothBadRate: judgments ? bad[a]! / judgments : null,
      skips: input.skips.get(annotatorId) ?? 0,
      outlier: false,
      outlierReasons: [],
    };
  });
  const known = new Set(J.annotatorIds);
  for (const [annotatorId, skips] of input.skips) {
    if (!known.has(annotatorId) && skips > 0) {
      rows.push({ annotatorId, judgments: 0, medianTimeMs: null, looAgreement: null, looItems: 0, goldItems: 0, goldCorrect: 0, goldAccuracy: null, goldFlagged: false, leftPickRate: null, leftPickChance: null, preferenceJudgments: 0, longerPickRate: null, longerPickItems: 0, tieRate: null, bothBadRate: null, skips, outlier: false, outlierReasons: [] });
    }
  }
  markOutliers(rows);
  rows.sort((a, b) => b.judgments - a.judgments || (a.annotatorId < b.annotatorId ? -1 : 1));

  return {
    mode: input.mode,
    judgments: n,
    agreement: {
      alpha,
      pairwise: { agreement: pairs ? agreeingPairs / pairs : null, agreeingPairs, pairs, units: pairUnits },
      majorityShare: majorityTotal ? majorityAgreeing / majorityTotal : null,
      majorityItems,
    },
    overTime,
    annotators: rows,
    disagreements: disagreements.slice(0, disagreementLimit),
  };
}

/** Whether judgment entries from..to match the gold's ranks (null: not made on the gold's candidates); gold.ts's matchesGold over indexes. */
function matchesPackedGold(expected: ReadonlyMap<number, number>, J: PackedJudgments, from: number, to: number): boolean | null {
  if (to - from !== expected.size) return null;
  let all = true;
  for (let e = from; e < to; e++) {
    const rank = expected.get(J.candidate[e]!);
    if (rank === undefined) return null;
    if (rank !== J.rank[e]) all = false;
  }
  return all;
}

function sortedMedian(sorted: Float64Array): number | null {
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function markOutliers(rows: AnnotatorQuality[]) {
  const eligible = rows.filter((row) => row.looAgreement !== null && row.looItems >= 5);
  if (eligible.length >= 3) {
    const values = eligible.map((row) => row.looAgreement!);
    const centre = median(values)!;
    const mad = 1.4826 * median(values.map((value) => Math.abs(value - centre)))!;
    for (const row of eligible) {
      if (row.looAgreement! < centre - 3 * Math.max(mad, 0.02)) row.outlierReasons.push({ key: "looAgreement", params: { rate: row.looAgreement!, median: centre } });
    }
  }
  for (const row of rows) {
    if (row.leftPickRate !== null && row.preferenceJudgments >= 20 && Math.abs(row.leftPickRate - row.leftPickChance!) > 0.2) {
      row.outlierReasons.push({ key: "leftPick", params: { rate: row.leftPickRate, chance: row.leftPickChance! } });
    }
    if (row.goldFlagged) row.outlierReasons.push({ key: "gold", params: { accuracy: row.goldAccuracy!, items: row.goldItems } });
    row.outlier = row.outlierReasons.length > 0;
  }
}


export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
