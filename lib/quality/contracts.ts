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

export type ModelRow = {
  key: string;
  /** The admin's label when set, else the model name (or the kind of candidate). */
  name: string;
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

export type CategoryRow = { category: string; model: string; name: string; score: number; comparisons: number; low: number | null; high: number | null };

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
  verifiers: { available: boolean; passRates: (PassRateRow & { name: string })[] };
  compare: { a: string; b: string; rows: ModelComparisonRow[] } | null;
  method: string;
  resamples: number;
  seed: number;
  computeMs: number;
};
