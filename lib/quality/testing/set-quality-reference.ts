import { krippendorffAlpha, pairwiseAgreement } from "../krippendorff";
import { majorityVerdicts, verdictKey } from "../agreement-share";
import { goldStanding, matchesGold } from "../gold";
import type { AnnotatorQuality, Disagreement, QualityInput, QualityJudgment, SetQuality } from "../set-quality";
import { median } from "../set-quality";

/**
 * TESTS ONLY. The first, object-per-row implementation of the set statistics, kept unchanged as an
 * independent computation that set-quality.test.ts compares the columnar one against on random data.
 *
 * A prompt set's quality figures from plain rows (the service reads them; bench and tests build them):
 * agreement (Krippendorff's alpha, raw pairwise agreement, majority share, per day), per-annotator
 * statistics with outliers marked, and the most split prompts. Only annotators' judgments (source HUMAN)
 * count; gold prompts are left out of agreement and disagreements (every member judges them, and they
 * are measured against their gold verdict instead).
 */

type Unit = { key: string; promptId: string; entries: { judgment: QualityJudgment; key: string }[] };

export function referenceSetQuality(input: QualityInput, { disagreementLimit = 50 } = {}): SetQuality {
  const human = input.judgments.filter((judgment) => judgment.source === "HUMAN" && judgment.annotatorId);
  const units = new Map<string, Unit>();
  for (const judgment of human) {
    if (input.gold.has(judgment.promptId)) continue;
    const ids = judgment.candidates.map((candidate) => candidate.candidateId).sort();
    const unitKey = `${judgment.promptId}|${ids.join(",")}`;
    let unit = units.get(unitKey);
    if (!unit) units.set(unitKey, (unit = { key: unitKey, promptId: judgment.promptId, entries: [] }));
    unit.entries.push({ judgment, key: verdictKey(judgment.candidates) });
  }

  // Agreement. Pairwise: nominal alpha on the verdict (which of the pair, tie, both bad) per (prompt, pair).
  // Ranking: ordinal alpha on each candidate's rank per (prompt, candidate); "all bad" is missing there.
  let alpha: SetQuality["agreement"]["alpha"];
  const verdictUnits = [...units.values()].map((unit) => unit.entries.map((entry) => entry.key));
  if (input.mode === "PAIRWISE") {
    // Categories comparable across prompts: the pair oriented by candidate id (first better, second
    // better, tie, both bad), so that alpha's expected disagreement pools the same four values everywhere.
    const oriented = [...units.values()].map((unit) => unit.entries.map((entry) => orientedPairVerdict(entry.judgment.candidates)));
    alpha = { ...krippendorffAlpha(oriented, "nominal"), metric: "nominal" };
  } else {
    const rankUnits = new Map<string, number[]>();
    for (const unit of units.values()) {
      for (const { judgment } of unit.entries) {
        for (const candidate of judgment.candidates) {
          if (candidate.rank === null) continue;
          const key = `${unit.promptId}|${candidate.candidateId}`;
          const list = rankUnits.get(key) ?? [];
          list.push(candidate.rank);
          rankUnits.set(key, list);
        }
      }
    }
    alpha = { ...krippendorffAlpha([...rankUnits.values()], "ordinal"), metric: "ordinal" };
  }
  const pairwise = pairwiseAgreement(verdictUnits);
  let majorityAgreeing = 0;
  let majorityTotal = 0;
  let majorityItems = 0;
  const disagreements: Disagreement[] = [];
  const days = new Map<string, { pairs: number; agreeingPairs: number }>();
  for (const unit of units.values()) {
    if (unit.entries.length < 2) continue;
    const keys = unit.entries.map((entry) => entry.key);
    const majority = majorityVerdicts(keys);
    majorityAgreeing += majority.count;
    majorityTotal += keys.length;
    majorityItems += 1;
    const distinct = new Set(keys).size;
    if (distinct > 1) disagreements.push({ promptId: unit.promptId, judgments: keys.length, majorityShare: majority.count / keys.length, distinctVerdicts: distinct });
    const byTime = [...unit.entries].sort((a, b) => a.judgment.createdAt.getTime() - b.judgment.createdAt.getTime());
    for (let later = 1; later < byTime.length; later++) {
      const day = byTime[later]!.judgment.createdAt.toISOString().slice(0, 10);
      const bucket = days.get(day) ?? { pairs: 0, agreeingPairs: 0 };
      for (let earlier = 0; earlier < later; earlier++) {
        bucket.pairs += 1;
        if (byTime[earlier]!.key === byTime[later]!.key) bucket.agreeingPairs += 1;
      }
      days.set(day, bucket);
    }
  }
  disagreements.sort((a, b) => a.majorityShare - b.majorityShare || b.judgments - a.judgments || (a.promptId < b.promptId ? -1 : 1));
  const overTime = [...days]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, bucket]) => ({ day, ...bucket, agreement: bucket.pairs ? bucket.agreeingPairs / bucket.pairs : null }));

  const annotators = annotatorStats(input, human, units);
  return {
    mode: input.mode,
    judgments: human.length,
    agreement: { alpha, pairwise, majorityShare: majorityTotal ? majorityAgreeing / majorityTotal : null, majorityItems },
    overTime,
    annotators,
    disagreements: disagreements.slice(0, disagreementLimit),
  };
}

function annotatorStats(input: QualityInput, human: readonly QualityJudgment[], units: ReadonlyMap<string, Unit>): AnnotatorQuality[] {
  type Acc = { times: number[]; loo: boolean[]; gold: boolean[]; left: number; leftChance: number; preference: number; longer: number; longerItems: number; ties: number; bad: number; count: number };
  const acc = new Map<string, Acc>();
  const get = (id: string) => {
    let found = acc.get(id);
    if (!found) acc.set(id, (found = { times: [], loo: [], gold: [], left: 0, leftChance: 0, preference: 0, longer: 0, longerItems: 0, ties: 0, bad: 0, count: 0 }));
    return found;
  };
  for (const judgment of human) {
    const a = get(judgment.annotatorId!);
    a.count += 1;
    a.times.push(judgment.timeSpentMs);
    if (judgment.outcome === "TIE") a.ties += 1;
    if (judgment.outcome === "ALL_BAD") a.bad += 1;
    const expected = input.gold.get(judgment.promptId);
    if (expected) {
      const match = matchesGold(expected, judgment.candidates);
      if (match !== null) a.gold.push(match);
    }
    if (judgment.outcome === "PREFERENCE") {
      const best = judgment.candidates.filter((candidate) => candidate.rank === 1);
      if (best.length === 1) {
        a.preference += 1;
        a.leftChance += 1 / judgment.candidates.length;
        if (best[0]!.position === 0) a.left += 1;
        const longest = Math.max(...judgment.candidates.map((candidate) => candidate.length));
        const longestOnes = judgment.candidates.filter((candidate) => candidate.length === longest);
        if (longestOnes.length === 1) {
          a.longerItems += 1;
          if (longestOnes[0]!.candidateId === best[0]!.candidateId) a.longer += 1;
        }
      }
    }
  }
  for (const unit of units.values()) {
    if (unit.entries.length < 2) continue;
    for (const entry of unit.entries) {
      const others = unit.entries.filter((other) => other !== entry).map((other) => other.key);
      // Agrees when the verdict is among the most common of the others' (several when they tie).
      get(entry.judgment.annotatorId!).loo.push(majorityVerdicts(others).keys.includes(entry.key));
    }
  }
  const rows: AnnotatorQuality[] = [...acc].map(([annotatorId, a]) => {
    const gold = goldStanding(a.gold, input.goldThresholds);
    return {
      annotatorId,
      judgments: a.count,
      medianTimeMs: median(a.times),
      looAgreement: a.loo.length ? a.loo.filter(Boolean).length / a.loo.length : null,
      looItems: a.loo.length,
      goldItems: gold.items,
      goldCorrect: gold.correct,
      goldAccuracy: gold.accuracy,
      goldFlagged: gold.flagged,
      leftPickRate: a.preference ? a.left / a.preference : null,
      leftPickChance: a.preference ? a.leftChance / a.preference : null,
      preferenceJudgments: a.preference,
      longerPickRate: a.longerItems ? a.longer / a.longerItems : null,
      longerPickItems: a.longerItems,
      tieRate: a.count ? a.ties / a.count : null,
      bothBadRate: a.count ? a.bad / a.count : null,
      skips: input.skips.get(annotatorId) ?? 0,
      outlier: false,
      outlierReasons: [],
    };
  });
  for (const [annotatorId, skips] of input.skips) {
    if (!acc.has(annotatorId) && skips > 0) {
      rows.push({ annotatorId, judgments: 0, medianTimeMs: null, looAgreement: null, looItems: 0, goldItems: 0, goldCorrect: 0, goldAccuracy: null, goldFlagged: false, leftPickRate: null, leftPickChance: null, preferenceJudgments: 0, longerPickRate: null, longerPickItems: 0, tieRate: null, bothBadRate: null, skips, outlier: false, outlierReasons: [] });
    }
  }
  markOutliers(rows);
  return rows.sort((a, b) => b.judgments - a.judgments || (a.annotatorId < b.annotatorId ? -1 : 1));
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

/** A two-candidate verdict as one of four categories, the candidates taken in id order. */
function orientedPairVerdict(candidates: QualityJudgment["candidates"]): "first" | "second" | "tie" | "both-bad" | "other" {
  if (candidates.length !== 2) return "other";
  const [x, y] = [...candidates].sort((a, b) => (a.candidateId < b.candidateId ? -1 : 1)) as [QualityJudgment["candidates"][number], QualityJudgment["candidates"][number]];
  if (x.rank === null || y.rank === null) return "both-bad";
  return x.rank < y.rank ? "first" : x.rank > y.rank ? "second" : "tie";
}


