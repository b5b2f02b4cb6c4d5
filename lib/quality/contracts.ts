import type { PassRateRow } from "./verifier-rates";
import type { AnnotatorQuality, OutlierRule, SetQuality } from "./set-quality";
import type { WinRateCell } from "./bradley-terry";

/** Shapes the quality and leaderboard services return (HTTP JSON, pages); components import them from here. */

export type AnnotatorQualityView = AnnotatorQuality & { name: string; email: string; pausedAt: string | null; pausedWhy: string | null };

export type SetQualityView = Omit<SetQuality, "annotators"> & {
  promptSet: { id: string; name: string; judgingMode: "PAIRWISE" | "RANKING"; overlap: number };
  settings: { goldRate: number; goldMinItems: number; goldMinAccuracy: number; goldPause: boolean; overlapMax: number | null; adaptiveMinAgreement: number | null };
  goldPrompts: number;
  annotators: AnnotatorQualityView[];
  /** Keys under quality.outlierRule. */
  outlierRules: readonly OutlierRule[];
  computedAt: string;
  computeMs: number;
};

/**
 * A row name the service makes up rather than reads (no model name): human rewrites, a rewrite rule's
 * output, or candidates of a source without a model. The page words it (lib/quality/model-name); `name`
 * holds its English for the API and CSV.
 */
export type DerivedName = { kind: "humanRewrites" } | { kind: "ruleDerived"; rule: string } | { kind: "sampleTexts" } | { kind: "sourceAnswers"; source: string };

export type ModelRow = {
  key: string;
  /** The admin's label when set, else the model name (or the kind of candidate, in English). */
  name: string;
  /** Set when `name` is made up (see DerivedName); null for a model's own name or label. */
  derived: DerivedName | null;
  model: string | null;
  endpointId: string | null;
  label: string | null;
  theta: number;
  low: number | null;
  high: number | null;
  comparisons: number;
};

export type BoardView = {
  /** HUMAN (annotators and adjudications), IMPORTED (labels from files), or a judge source. */
  source: string;
  comparisons: number;
  prompts: number;
  models: ModelRow[];
  winRates: WinRateCell[];
};

export type CategoryRow = { category: string; model: string; name: string; derived: DerivedName | null; score: number; comparisons: number; low: number | null; high: number | null };

export type ModelComparisonRow = {
  promptSetId: string;
  promptSetName: string;
  source: string;
  metric: "strength difference (theta A - theta B)" | "head-to-head win rate of A" | `pass rate difference (A - B): ${string}`;
  value: number | null;
  low: number | null;
  high: number | null;
  comparisons: number;
};

export type LeaderboardView = {
  scope: { promptSetId: string | null; promptSetName: string | null };
  boards: BoardView[];
  categories: CategoryRow[];
  /** The prompt metadata key the categories come from (`categoryKey` parameter, default "category"). */
  categoryKey: string;
  /** Model judges' and verifiers' figures: present once those features store them. */
  /** The judge boards' sources; the page words them (leaderboard.judgesAvailable / judgesUnavailable). */
  judges: { available: boolean; sources: string[] };
  verifiers: { available: boolean; passRates: (PassRateRow & { name: string; derived: DerivedName | null })[] };
  compare: { a: string; b: string; rows: ModelComparisonRow[] } | null;
  method: string;
  resamples: number;
  seed: number;
  computeMs: number;
};
