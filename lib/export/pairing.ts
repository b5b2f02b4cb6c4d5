import type { CandidateRank, ExportCandidate, ExportJudgment, JudgedPrompt } from "./types";

/**
 * From judgments to (better, worse) pairs.
 *
 * Two steps:
 * 1. `pairsFromJudgment`: one judgment's ranking gives ordered pairs under a policy (best vs. worst,
 *    all pairs, adjacent tiers; optional minimum rank margin), plus "rewrite > its parent".
 * 2. `aggregatePairs`: across the annotators of one prompt, each pair that some judgment's policy
 *    selected is put to a vote of every judgment that ordered the two candidates, and kept in the
 *    majority direction when the agreement thresholds are met.
 */

export type PairingPolicyKind = "best-vs-worst" | "all-pairs" | "adjacent";

export type PairingPolicy = {
  kind: PairingPolicyKind;
  /** Keep a ranked pair only when `worse.rank - better.rank >= minRankMargin`. Rewrite pairs have no rank and always pass. */
  minRankMargin?: number;
};

export type PairOrigin = "rank" | "rewrite";

export type OrderedPair = { betterId: string; worseId: string; origin: PairOrigin };

/** Why a judgment gave no ranked pair (a rewrite pair may still come from it). */
export type NoPairReason = "tie" | "all-bad" | "unranked" | "below-rank-margin";

export type JudgmentPairing = { pairs: OrderedPair[]; noPairReason: NoPairReason | null };

/**
 * Units: tie, all-bad, unranked, below-rank-margin count judgments; below-agreement and
 * too-few-judgments count unordered candidate pairs; identical-text and duplicate-record count agreed
 * pairs (or unpaired rows); conflicting-label counts unpaired rows. By verifier outcome:
 * no-verified-pair counts prompts without a correct (and, for pairs, an incorrect) candidate; unverified
 * counts candidates no check decided; too-few-samples, all-pass and none-pass count prompts (pass-rate filter).
 */
export const dropReasons = [
  "tie",
  "all-bad",
  "unranked",
  "below-rank-margin",
  "below-agreement",
  "too-few-judgments",
  "identical-text",
  "duplicate-record",
  "conflicting-label",
  // Pairing by verifier outcome (lib/export/verifier-pairing.ts).
  "no-verified-pair",
  "unverified",
  "too-few-samples",
  "all-pass",
  "none-pass",
] as const;
export type DropReason = (typeof dropReasons)[number];
export type DropCounts = Record<DropReason, number>;

/**
 * Written out rather than looped over `dropReasons`: made and summed a few times per exported prompt,
 * where keyed access by a variable reason cost about 5 % of an export (V8 profile at 50,000 pairs);
 * one object shape and named fields make both a handful of instructions. Same key order as
 * `dropReasons` (the manifest lists them so); pairing.test.ts checks that every reason is here.
 */
export function emptyDropCounts(): DropCounts {
  return {
    tie: 0,
    "all-bad": 0,
    unranked: 0,
    "below-rank-margin": 0,
    "below-agreement": 0,
    "too-few-judgments": 0,
    "identical-text": 0,
    "duplicate-record": 0,
    "conflicting-label": 0,
    "no-verified-pair": 0,
    unverified: 0,
    "too-few-samples": 0,
    "all-pass": 0,
    "none-pass": 0,
  } satisfies DropCounts;
}

/** Adds `from` into `into` (the export service sums per-prompt counters in constant memory). */
export function addDropCounts(into: DropCounts, from: Readonly<DropCounts>): DropCounts {
  into.tie += from.tie;
  into["all-bad"] += from["all-bad"];
  into.unranked += from.unranked;
  into["below-rank-margin"] += from["below-rank-margin"];
  into["below-agreement"] += from["below-agreement"];
  into["too-few-judgments"] += from["too-few-judgments"];
  into["identical-text"] += from["identical-text"];
  into["duplicate-record"] += from["duplicate-record"];
  into["conflicting-label"] += from["conflicting-label"];
  into["no-verified-pair"] += from["no-verified-pair"];
  into.unverified += from.unverified;
  into["too-few-samples"] += from["too-few-samples"];
  into["all-pass"] += from["all-pass"];
  into["none-pass"] += from["none-pass"];
  return into;
}

type CandidateIndex = ReadonlyMap<string, number>;

function indexCandidates(candidates: readonly ExportCandidate[]): CandidateIndex {
  return new Map(candidates.map((candidate, index) => [candidate.id, index]));
}

function positionOf(index: CandidateIndex, candidateId: string): number {
  const position = index.get(candidateId);
  // A rank or rewrite that names no candidate of the prompt is corrupt input: failing beats silently
  // writing a dataset with a missing side.
  if (position === undefined) throw new Error(`candidate ${candidateId} is not a candidate of this prompt`);
  return position;
}

type RankedCandidate = { candidateId: string; rank: number; order: number };

/** Candidates with a rank, grouped into tiers of equal rank, best tier first; within a tier in candidate order. */
function rankTiers(ranks: readonly CandidateRank[], index: CandidateIndex): RankedCandidate[][] {
  const ranked: RankedCandidate[] = [];
  for (const { candidateId, rank } of ranks) {
    const order = positionOf(index, candidateId);
    if (rank !== null) ranked.push({ candidateId, rank, order });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const tiers: RankedCandidate[][] = [];
  for (const candidate of ranked) {
    const last = tiers.at(-1);
    if (last && last[0]?.rank === candidate.rank) last.push(candidate);
    else tiers.push([candidate]);
  }
  return tiers;
}

function crossPairs(better: readonly RankedCandidate[], worse: readonly RankedCandidate[], minRankMargin: number): OrderedPair[] {
  const pairs: OrderedPair[] = [];
  for (const b of better) {
    for (const w of worse) {
      if (w.rank - b.rank >= minRankMargin) pairs.push({ betterId: b.candidateId, worseId: w.candidateId, origin: "rank" });
    }
  }
  return pairs;
}

/** The judgment's rewrite as (rewrite, parent), when the rewrite improves a candidate of this prompt. */
function rewritePair(judgment: ExportJudgment, candidates: readonly ExportCandidate[], index: CandidateIndex): OrderedPair | null {
  if (judgment.rewriteCandidateId === null) return null;
  const rewrite = candidates[positionOf(index, judgment.rewriteCandidateId)];
  if (!rewrite || rewrite.parentId === null || rewrite.parentId === rewrite.id) return null;
  positionOf(index, rewrite.parentId);
  return { betterId: rewrite.id, worseId: rewrite.parentId, origin: "rewrite" };
}

function rankOf(judgment: ExportJudgment, candidateId: string): number | null {
  return judgment.ranks.find((entry) => entry.candidateId === candidateId)?.rank ?? null;
}

/**
 * Ordered pairs from one judgment.
 *
 * - Only PREFERENCE judgments give ranked pairs; TIE and ALL_BAD give none, nor do candidates of equal rank.
 * - best-vs-worst: best tier x worst tier (one pair when neither extreme is tied, the UltraFeedback habit;
 *   when an extreme is tied, every member of it is paired rather than picking one arbitrarily).
 * - all-pairs: every candidate with every lower-ranked candidate.
 * - adjacent: each tier with the next tier down.
 * - A rewrite gives (rewrite, its parent) whatever the outcome: annotators rewrite precisely when no
 *   answer is good enough, so ALL_BAD with a rewrite is the most useful judgment there is. It is skipped
 *   only when this judgment also ranked both, since the ranking then says it explicitly.
 *   Nothing else is inferred for the rewrite (not "rewrite > everything its parent beat"): keep it simple.
 * - Rule-derived candidates are ordinary candidates.
 */
export function pairsFromJudgment(
  judgment: ExportJudgment,
  candidates: readonly ExportCandidate[],
  policy: PairingPolicy,
): JudgmentPairing {
  return pairsWithIndex(judgment, candidates, policy, indexCandidates(candidates));
}

/** `pairsFromJudgment` with the prompt's candidate index built once by the caller (aggregatePairs: once per prompt, not per judgment). */
function pairsWithIndex(judgment: ExportJudgment, candidates: readonly ExportCandidate[], policy: PairingPolicy, index: CandidateIndex): JudgmentPairing {
  const minRankMargin = policy.minRankMargin ?? 1;
  const pairs: OrderedPair[] = [];
  let noPairReason: NoPairReason | null = null;

  const tiers = rankTiers(judgment.ranks, index);
  if (judgment.outcome === "ALL_BAD") noPairReason = "all-bad";
  else if (judgment.outcome === "TIE") noPairReason = "tie";
  else if (tiers.length === 1 && (tiers[0]?.length ?? 0) > 1) noPairReason = "tie";
  else if (tiers.length < 2) noPairReason = "unranked";
  else {
    const first = tiers[0] ?? [];
    const last = tiers.at(-1) ?? [];
    if (policy.kind === "best-vs-worst") pairs.push(...crossPairs(first, last, minRankMargin));
    else if (policy.kind === "all-pairs") {
      tiers.forEach((better, i) => tiers.slice(i + 1).forEach((worse) => pairs.push(...crossPairs(better, worse, minRankMargin))));
    } else {
      tiers.slice(0, -1).forEach((better, i) => pairs.push(...crossPairs(better, tiers[i + 1] ?? [], minRankMargin)));
    }
    if (pairs.length === 0) noPairReason = "below-rank-margin";
  }

  const rewrite = rewritePair(judgment, candidates, index);
  if (rewrite) {
    const rankedBoth =
      judgment.outcome === "PREFERENCE" && rankOf(judgment, rewrite.betterId) !== null && rankOf(judgment, rewrite.worseId) !== null;
    if (!rankedBoth) pairs.push(rewrite);
  }
  return { pairs, noPairReason };
}

export type AggregationOptions = {
  policy: PairingPolicy;
  /** Minimum share of ordering judgments that agree with the majority direction (0..1). Default 0.5. */
  minAgreement?: number;
  /** Minimum number of judgments that ordered the pair either way. Default 1. */
  minJudgments?: number;
  /** Put the agreed share in `margin` (TRL RewardTrainer and OpenRLHF read a numeric margin). */
  marginFromAgreement?: boolean;
};

export type AgreedPair = {
  chosenId: string;
  rejectedId: string;
  /** Judgments that ordered the pair the kept way / the other way. */
  votesFor: number;
  votesAgainst: number;
  /** votesFor / (votesFor + votesAgainst). */
  share: number;
  /** Present exactly when `marginFromAgreement` was asked, so that every row has it or none does. */
  margin?: number;
};

export type PairAggregation = {
  pairs: AgreedPair[];
  drops: DropCounts;
  /** Whether the annotators agreed the prompt has no good answer (see `isAllBadVerdict`). */
  allBad: boolean;
};

type Thresholds = { minAgreement: number; minJudgments: number };

function thresholds(options: Pick<AggregationOptions, "minAgreement" | "minJudgments">): Thresholds {
  const minAgreement = options.minAgreement ?? 0.5;
  const minJudgments = options.minJudgments ?? 1;
  if (!(minAgreement >= 0 && minAgreement <= 1)) throw new RangeError(`minAgreement must be within 0..1, got ${minAgreement}`);
  if (!Number.isInteger(minJudgments) || minJudgments < 1) throw new RangeError(`minJudgments must be a positive integer, got ${minJudgments}`);
  return { minAgreement, minJudgments };
}

/**
 * True when ALL_BAD is the strict majority of the prompt's judgments, reaches `minAgreement` of them
 * and counts at least `minJudgments`. Then the prompt's candidates give KTO `false` rows and the
 * prompt has no ranked SFT winner (one annotator's pick among answers most found bad is no target).
 */
export function isAllBadVerdict(prompt: Pick<JudgedPrompt, "judgments">, options: Pick<AggregationOptions, "minAgreement" | "minJudgments"> = {}): boolean {
  const { minAgreement, minJudgments } = thresholds(options);
  const total = prompt.judgments.length;
  const allBad = prompt.judgments.filter((judgment) => judgment.outcome === "ALL_BAD").length;
  return allBad >= minJudgments && allBad * 2 > total && allBad / total >= minAgreement;
}

/**
 * How one judgment orders candidates a and b: 1 when a is better, -1 when b is, 0 when it does not order them.
 * Ranks count only for PREFERENCE judgments; the rewrite pair counts when the ranks do not order the two.
 */
function vote(judgment: ExportJudgment, a: string, b: string, rewrite: OrderedPair | null): -1 | 0 | 1 {
  if (judgment.outcome === "PREFERENCE") {
    const rankA = rankOf(judgment, a);
    const rankB = rankOf(judgment, b);
    if (rankA !== null && rankB !== null) return rankA < rankB ? 1 : rankA > rankB ? -1 : 0;
  }
  if (rewrite) {
    if (rewrite.betterId === a && rewrite.worseId === b) return 1;
    if (rewrite.betterId === b && rewrite.worseId === a) return -1;
  }
  return 0;
}

/**
 * Agreed (chosen, rejected) pairs of one prompt across its annotators.
 *
 * Which pairs: those that the policy selected in at least one judgment (or a rewrite gave).
 * How they are voted: by every judgment that ordered the two candidates, whether or not its own policy
 * selected that pair. With best-vs-worst, an annotator who ranked C above A disagrees with "A > C" even
 * if C and A were not that annotator's extremes; counting only policy-selected pairs would hide it.
 * Ties and ALL_BAD judgments do not order a pair and are not counted (count = ordering judgments).
 *
 * Kept when count >= minJudgments, one direction has a strict majority and its share >= minAgreement.
 * Then dropped when chosen and rejected texts are equal after trimming (no signal), or when an earlier
 * kept pair has the same two texts after trimming (duplicate record: two candidates with the same text).
 * Output order follows the prompt's candidate order, so the same input gives the same file.
 */
export function aggregatePairs(prompt: Pick<JudgedPrompt, "candidates" | "judgments">, options: AggregationOptions): PairAggregation {
  const limits = thresholds(options);
  const index = indexCandidates(prompt.candidates);
  const drops = emptyDropCounts();

  // Unordered pair key -> [first, second] in candidate order.
  const selected = new Map<string, [string, string]>();
  const rewrites = new Map<ExportJudgment, OrderedPair | null>();
  for (const judgment of prompt.judgments) {
    const { pairs, noPairReason } = pairsWithIndex(judgment, prompt.candidates, options.policy, index);
    if (noPairReason) drops[noPairReason] += 1;
    rewrites.set(judgment, rewritePair(judgment, prompt.candidates, index));
    for (const { betterId, worseId } of pairs) {
      const [first, second] = positionOf(index, betterId) < positionOf(index, worseId) ? [betterId, worseId] : [worseId, betterId];
      selected.set(`${first}\u0000${second}`, [first, second]);
    }
  }

  const ordered = [...selected.values()].sort(
    ([a1, b1], [a2, b2]) => positionOf(index, a1) - positionOf(index, a2) || positionOf(index, b1) - positionOf(index, b2),
  );

  const pairs: AgreedPair[] = [];
  // The kept pairs' trimmed texts, compared one by one: a prompt has a few pairs, and most have one,
  // for which no key is built at all (a JSON key per pair showed in the export's profile).
  const seenTexts: [string, string][] = [];
  for (const [first, second] of ordered) {
    let forFirst = 0;
    let forSecond = 0;
    for (const judgment of prompt.judgments) {
      const v = vote(judgment, first, second, rewrites.get(judgment) ?? null);
      if (v === 1) forFirst += 1;
      else if (v === -1) forSecond += 1;
    }
    const count = forFirst + forSecond;
    if (count < limits.minJudgments) {
      drops["too-few-judgments"] += 1;
      continue;
    }
    const majority = Math.max(forFirst, forSecond);
    const share = majority / count;
    if (forFirst === forSecond || share < limits.minAgreement) {
      drops["below-agreement"] += 1;
      continue;
    }
    const [chosenId, rejectedId] = forFirst > forSecond ? [first, second] : [second, first];
    const chosen = (prompt.candidates[positionOf(index, chosenId)]?.content ?? "").trim();
    const rejected = (prompt.candidates[positionOf(index, rejectedId)]?.content ?? "").trim();
    if (chosen === rejected) {
      drops["identical-text"] += 1;
      continue;
    }
    // Trimmed, like the identical-text rule: a record that differs only by surrounding spaces repeats one.
    if (seenTexts.some(([seenChosen, seenRejected]) => seenChosen === chosen && seenRejected === rejected)) {
      drops["duplicate-record"] += 1;
      continue;
    }
    seenTexts.push([chosen, rejected]);
    const pair: AgreedPair = { chosenId, rejectedId, votesFor: majority, votesAgainst: count - majority, share };
    if (options.marginFromAgreement) pair.margin = share;
    pairs.push(pair);
  }

  return { pairs, drops, allBad: isAllBadVerdict(prompt, limits) };
}
