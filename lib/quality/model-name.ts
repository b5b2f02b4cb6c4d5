import type { DerivedName } from "./contracts";

/** The leaderboard's words for a derived row name: its translator (keys under `leaderboard`). */
export type DerivedNameWords = (key: "derivedHumanRewrites" | "derivedRule" | "derivedSample" | "derivedSourceAnswers", params?: { rule?: string; source?: string }) => string;

/**
 * A leaderboard row's name for the page: a model's own name (or the admin's label) as it is, a row the
 * service names itself (human rewrites, a rule's output, a kind of candidate) in the reader's language.
 * `sourceLabel` words a candidate source (vocabulary.candidateSource); the API and CSV keep `name`.
 */
export function modelRowName(row: { name: string; derived: DerivedName | null }, t: DerivedNameWords, sourceLabel: (source: string) => string): string {
  const derived = row.derived;
  if (!derived) return row.name;
  switch (derived.kind) {
    case "humanRewrites":
      return t("derivedHumanRewrites");
    case "ruleDerived":
      return t("derivedRule", { rule: derived.rule });
    case "sampleTexts":
      return t("derivedSample");
    case "sourceAnswers":
      return t("derivedSourceAnswers", { source: sourceLabel(derived.source) });
  }
}
