/**
 * Which candidates an annotator is shown for one prompt, and in what order. Pure: the caller passes
 * the comparison history and a random source, so the choice is reproducible for a given lease.
 */

import type { CandidateSource } from "../vocabulary";

export type SelectableCandidate = {
  id: string;
  source: CandidateSource;
  parentId: string | null;
};

/** A comparison shown before: the candidate ids that appeared together in one judgment. */
export type PastComparison = readonly string[];

export type Random = () => number;

/** Human rewrites are outputs of judging, never shown back as candidates. */
export function showableCandidates<C extends SelectableCandidate>(candidates: readonly C[]): C[] {
  return candidates.filter((candidate) => candidate.source !== "HUMAN_REWRITE");
}

/**
 * Identical answers (the same text after trimming, the rule export uses to drop a pair as
 * identical-text) are merged before pairing: the first of each group (in the caller's order) stands
 * for all, so two identical answers are never shown as a pair or side by side in a ranking. A
 * rule-derived candidate whose source was merged away is compared with the source's stand-in, which
 * has the same text.
 */
export function mergeIdenticalCandidates<C extends SelectableCandidate & { content: string }>(candidates: readonly C[]): C[] {
  const keptByText = new Map<string, C>();
  const standIn = new Map<string, string>();
  for (const candidate of candidates) {
    const text = candidate.content.trim();
    const kept = keptByText.get(text);
    if (kept) standIn.set(candidate.id, kept.id);
    else keptByText.set(text, candidate);
  }
  return [...keptByText.values()].map((candidate) => (candidate.parentId && standIn.has(candidate.parentId) ? { ...candidate, parentId: standIn.get(candidate.parentId)! } : candidate));
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * The pairs worth showing: a rule-derived candidate is only ever compared with its source (the
 * difference is the rule's edit, which is what the judgment should be about); every other pair of
 * non-derived candidates is allowed.
 */
export function eligiblePairs<C extends SelectableCandidate>(candidates: readonly C[]): [C, C][] {
  const shown = showableCandidates(candidates);
  const ids = new Set(shown.map((candidate) => candidate.id));
  const isDerived = (candidate: C) => candidate.source === "RULE_DERIVED" && candidate.parentId !== null && ids.has(candidate.parentId);
  const pairs: [C, C][] = [];
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i]!;
      const b = shown[j]!;
      const aDerived = isDerived(a);
      const bDerived = isDerived(b);
      if (aDerived || bDerived) {
        if ((aDerived && a.parentId === b.id) || (bDerived && b.parentId === a.id)) pairs.push([a, b]);
        continue;
      }
      pairs.push([a, b]);
    }
  }
  return pairs;
}

/**
 * The pair to show next: the eligible pair compared least often so far; among equals, rule-derived
 * pairs first (they are the point of a rewrite rule), then the pair whose candidates were shown least,
 * then at random. Null when the prompt has fewer than two showable candidates.
 */
export function selectPair<C extends SelectableCandidate>(candidates: readonly C[], history: readonly PastComparison[], random: Random): [C, C] | null {
  const pairs = eligiblePairs(candidates);
  if (pairs.length === 0) return null;
  const pairCounts = new Map<string, number>();
  const exposure = new Map<string, number>();
  for (const shown of history) {
    for (const id of shown) exposure.set(id, (exposure.get(id) ?? 0) + 1);
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        const key = pairKey(shown[i]!, shown[j]!);
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
      }
    }
  }
  const scored = pairs.map(([a, b]) => ({
    pair: [a, b] as [C, C],
    compared: pairCounts.get(pairKey(a.id, b.id)) ?? 0,
    derived: a.source === "RULE_DERIVED" || b.source === "RULE_DERIVED" ? 0 : 1,
    exposure: (exposure.get(a.id) ?? 0) + (exposure.get(b.id) ?? 0),
    tieBreak: random(),
  }));
  scored.sort((x, y) => x.compared - y.compared || x.derived - y.derived || x.exposure - y.exposure || x.tieBreak - y.tieBreak);
  return scored[0]!.pair;
}

/** Fisher-Yates with the given random source: the shown order, randomised per annotator. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/**
 * A small seeded generator (mulberry32 over a string hash), so that the same lease shows the same
 * pair in the same order on every reload without storing it.
 */
export function seededRandom(seed: string): Random {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
