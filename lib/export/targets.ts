import { emptyDropCounts, type AgreedPair, type DropCounts, type PairAggregation } from "./pairing";
import type { ExportCandidate, ExportPrompt, JudgedPrompt, PreferenceExample, SftExample, UnpairedExample } from "./types";

/**
 * From agreed pairs to the examples the format writers take: SFT targets, preference examples,
 * unpaired (KTO) labels.
 */

function candidateById(prompt: Pick<JudgedPrompt, "candidates">, id: string): ExportCandidate {
  const candidate = prompt.candidates.find((c) => c.id === id);
  if (!candidate) throw new Error(`candidate ${id} is not a candidate of this prompt`);
  return candidate;
}

function exportPrompt(prompt: JudgedPrompt): ExportPrompt {
  return { messages: prompt.messages, defaultSystemMessage: prompt.defaultSystemMessage, referenceAnswer: prompt.referenceAnswer };
}

/**
 * The agreed winner: the one candidate that is chosen in at least one agreed pair and rejected in none.
 * Null when there is none or more than one (for example A > C and B > D with A, B never compared):
 * an SFT target must be unambiguous.
 */
export function agreedWinner(pairs: readonly AgreedPair[]): string | null {
  const rejected = new Set(pairs.map((pair) => pair.rejectedId));
  const unbeaten = new Set(pairs.map((pair) => pair.chosenId).filter((id) => !rejected.has(id)));
  return unbeaten.size === 1 ? ([...unbeaten][0] ?? null) : null;
}

export type SftTargetMode = "winner" | "rewrites" | "both";
export type SftTarget = { candidateId: string; origin: "winner" | "rewrite" };

/**
 * SFT targets of one prompt.
 * - winner: `agreedWinner`, unless the annotators agreed the prompt is all bad (then there is no winner).
 * - rewrites: every human rewrite written while judging the prompt, in judgment order. Rewrites are
 *   taken as they are, without a vote: a person wrote them to be the answer.
 * - both: the winner first, then the rewrites. A candidate, or a text (after trimming), appears once.
 */
export function sftTargets(prompt: Pick<JudgedPrompt, "candidates" | "judgments">, aggregation: PairAggregation, mode: SftTargetMode): SftTarget[] {
  const targets: SftTarget[] = [];
  const seenIds = new Set<string>();
  const seenTexts = new Set<string>();
  const add = (candidateId: string, origin: SftTarget["origin"]) => {
    const text = candidateById(prompt, candidateId).content.trim();
    if (seenIds.has(candidateId) || seenTexts.has(text)) return;
    seenIds.add(candidateId);
    seenTexts.add(text);
    targets.push({ candidateId, origin });
  };
  if (mode !== "rewrites" && !aggregation.allBad) {
    const winner = agreedWinner(aggregation.pairs);
    if (winner) add(winner, "winner");
  }
  if (mode !== "winner") {
    for (const judgment of prompt.judgments) if (judgment.rewriteCandidateId) add(judgment.rewriteCandidateId, "rewrite");
  }
  return targets;
}

export function sftExamples(prompt: JudgedPrompt, targets: readonly SftTarget[]): SftExample[] {
  return targets.map((target) => ({ prompt: exportPrompt(prompt), completion: candidateById(prompt, target.candidateId).content }));
}

/** Preference examples in the agreed pairs' order; `margin` is copied only when the pair has one. */
export function preferenceExamples(prompt: JudgedPrompt, pairs: readonly AgreedPair[]): PreferenceExample[] {
  return pairs.map((pair) => {
    const example: PreferenceExample = {
      prompt: exportPrompt(prompt),
      chosen: candidateById(prompt, pair.chosenId).content,
      rejected: candidateById(prompt, pair.rejectedId).content,
    };
    if (pair.margin !== undefined) example.margin = pair.margin;
    return example;
  });
}

export type UnpairedLabels = { labels: { candidateId: string; label: boolean }[]; drops: DropCounts };

/**
 * KTO/BCO labels of one prompt: the chosen side of an agreed pair is `true`, the rejected side `false`;
 * when the annotators agreed the prompt is all bad, every candidate shown in an ALL_BAD judgment is
 * `false` too. Each candidate gives one row at most:
 * - a candidate both chosen and rejected (the middle of a ranking under all-pairs or adjacent, or a
 *   "winner" of a prompt agreed all bad) is dropped as `conflicting-label`: it is neither clearly good
 *   nor clearly bad;
 * - candidates with the same text give one row (`duplicate-record`), or none when their labels differ
 *   (`conflicting-label`).
 * Rows follow the prompt's candidate order.
 */
export function unpairedLabels(prompt: Pick<JudgedPrompt, "candidates" | "judgments">, aggregation: PairAggregation): UnpairedLabels {
  const drops = emptyDropCounts();
  const labelsById = new Map<string, Set<boolean>>();
  const mark = (candidateId: string, label: boolean) => {
    candidateById(prompt, candidateId);
    const labels = labelsById.get(candidateId) ?? new Set<boolean>();
    labels.add(label);
    labelsById.set(candidateId, labels);
  };
  for (const pair of aggregation.pairs) {
    mark(pair.chosenId, true);
    mark(pair.rejectedId, false);
  }
  if (aggregation.allBad) {
    for (const judgment of prompt.judgments) {
      if (judgment.outcome === "ALL_BAD") for (const rank of judgment.ranks) mark(rank.candidateId, false);
    }
  }

  const labelsByText = new Map<string, Set<boolean>>();
  const single: { candidate: ExportCandidate; label: boolean }[] = [];
  for (const candidate of prompt.candidates) {
    const labels = labelsById.get(candidate.id);
    if (!labels) continue;
    if (labels.size > 1) {
      drops["conflicting-label"] += 1;
      continue;
    }
    const label = labels.has(true);
    single.push({ candidate, label });
    // Texts equal after trimming are one record, as for pairs (a trailing newline is no new example).
    const byText = labelsByText.get(candidate.content.trim()) ?? new Set<boolean>();
    byText.add(label);
    labelsByText.set(candidate.content.trim(), byText);
  }

  const labels: UnpairedLabels["labels"] = [];
  const seenTexts = new Set<string>();
  for (const { candidate, label } of single) {
    const text = candidate.content.trim();
    if ((labelsByText.get(text)?.size ?? 0) > 1) {
      drops["conflicting-label"] += 1;
    } else if (seenTexts.has(text)) {
      drops["duplicate-record"] += 1;
    } else {
      seenTexts.add(text);
      labels.push({ candidateId: candidate.id, label });
    }
  }
  return { labels, drops };
}

export function unpairedExamples(prompt: JudgedPrompt, labels: UnpairedLabels["labels"]): UnpairedExample[] {
  return labels.map(({ candidateId, label }) => ({
    prompt: exportPrompt(prompt),
    completion: candidateById(prompt, candidateId).content,
    label,
  }));
}
