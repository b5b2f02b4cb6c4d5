import { emptyDropCounts, type DropCounts } from "./pairing";
import type { ExportCandidate, JudgedPrompt } from "./types";

/**
 * Records from verifier outcomes instead of people's judgments. A candidate is correct when every
 * check that decided passed (`verified: true`), incorrect when one failed (`false`); candidates no
 * check decided are left out and counted as `unverified`.
 *
 * - Preference (DPO): correct vs incorrect answers to the same prompt. `best-vs-worst` gives one pair
 *   per prompt (the shortest correct vs the longest incorrect: the pair least likely to teach length
 *   instead of correctness is not knowable from pass / fail alone, so the choice is stated and fixed);
 *   `all-pairs` gives every correct x incorrect pair.
 * - SFT (rejection sampling, best-of-N correct): one row per prompt, its shortest correct answer.
 * - KTO: every verified candidate, label = its verdict.
 * - Prompt-only: the pass rate over verified candidates, and the difficulty filter.
 * Ties in length are broken by candidate order, so the same data always gives the same records.
 */

export type VerifiedSplit = { correct: ExportCandidate[]; incorrect: ExportCandidate[]; unverified: number };

export function splitByVerdict(prompt: JudgedPrompt): VerifiedSplit {
  const correct: ExportCandidate[] = [];
  const incorrect: ExportCandidate[] = [];
  let unverified = 0;
  for (const candidate of prompt.candidates) {
    if (candidate.verified === true) correct.push(candidate);
    else if (candidate.verified === false) incorrect.push(candidate);
    else unverified++;
  }
  return { correct, incorrect, unverified };
}

const byLength = (a: ExportCandidate, b: ExportCandidate) => a.content.length - b.content.length;

export function verifierPairs(prompt: JudgedPrompt, kind: "best-vs-worst" | "all-pairs"): { pairs: { chosen: string; rejected: string }[]; drops: DropCounts } {
  const drops = emptyDropCounts();
  const { correct, incorrect, unverified } = splitByVerdict(prompt);
  drops.unverified += unverified;
  if (correct.length === 0 || incorrect.length === 0) {
    drops["no-verified-pair"] += 1;
    return { pairs: [], drops };
  }
  const candidatePairs =
    kind === "best-vs-worst"
      ? [{ chosen: [...correct].sort(byLength)[0]!, rejected: [...incorrect].sort(byLength).at(-1)! }]
      : correct.flatMap((chosen) => incorrect.map((rejected) => ({ chosen, rejected })));
  const pairs: { chosen: string; rejected: string }[] = [];
  const seen = new Set<string>();
  for (const { chosen, rejected } of candidatePairs) {
    if (chosen.content.trim() === rejected.content.trim()) {
      drops["identical-text"] += 1;
      continue;
    }
    const key = JSON.stringify([chosen.content, rejected.content]);
    if (seen.has(key)) {
      drops["duplicate-record"] += 1;
      continue;
    }
    seen.add(key);
    pairs.push({ chosen: chosen.content, rejected: rejected.content });
  }
  return { pairs, drops };
}

export function verifierSftTargets(prompt: JudgedPrompt): { targets: string[]; drops: DropCounts } {
  const drops = emptyDropCounts();
  const { correct, unverified } = splitByVerdict(prompt);
  drops.unverified += unverified;
  if (correct.length === 0) {
    drops["no-verified-pair"] += 1;
    return { targets: [], drops };
  }
  return { targets: [[...correct].sort(byLength)[0]!.content], drops };
}

export function verifierLabels(prompt: JudgedPrompt): { labels: { completion: string; label: boolean }[]; drops: DropCounts } {
  const drops = emptyDropCounts();
  const { correct, incorrect, unverified } = splitByVerdict(prompt);
  drops.unverified += unverified;
  const labels: { completion: string; label: boolean }[] = [];
  const seen = new Set<string>();
  for (const [candidate, label] of [...correct.map((c) => [c, true] as const), ...incorrect.map((c) => [c, false] as const)]) {
    const key = candidate.content.trim();
    if (seen.has(key)) {
      drops["duplicate-record"] += 1;
      continue;
    }
    seen.add(key);
    labels.push({ completion: candidate.content, label });
  }
  return { labels, drops };
}

export type PassRateFilter = { minSamples: number; dropAllPass: boolean; dropNonePass: boolean };

/** The prompt's pass rate over its verified candidates, or the reason the filter drops it. */
export function promptPassRate(prompt: JudgedPrompt, filter: PassRateFilter): { passRate: number; samples: number } | { drop: "too-few-samples" | "all-pass" | "none-pass" } {
  const { correct, incorrect } = splitByVerdict(prompt);
  const samples = correct.length + incorrect.length;
  if (samples < filter.minSamples) return { drop: "too-few-samples" };
  if (filter.dropAllPass && incorrect.length === 0) return { drop: "all-pass" };
  if (filter.dropNonePass && correct.length === 0) return { drop: "none-pass" };
  return { passRate: correct.length / samples, samples };
}
