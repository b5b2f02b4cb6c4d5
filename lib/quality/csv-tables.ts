import type { LeaderboardView, SetQualityView } from "./contracts";
import { translatorFor } from "../i18n/translate";
import { toCsv } from "./csv";
import type { OutlierReason } from "./set-quality";

/** CSV files are read by scripts: outlier reasons in English, worded by the catalogue as on the page. */
function englishReasons(reasons: readonly OutlierReason[]): string {
  const t = translatorFor("en");
  return reasons.map((reason) => t(`quality.outlierReason.${reason.key}`, reason.params)).join("; ");
}

/** The CSV downloads of the quality page and the leaderboard: the same numbers as the JSON, one table each. */

export const qualityCsvTables = ["annotators", "disagreements", "over-time", "agreement"] as const;
export type QualityCsvTable = (typeof qualityCsvTables)[number];

export function qualityCsv(view: SetQualityView, table: QualityCsvTable): string {
  switch (table) {
    case "annotators":
      return toCsv(
        ["annotator_id", "name", "email", "judgments", "median_time_ms", "loo_majority_agreement", "loo_items", "gold_items", "gold_correct", "gold_accuracy", "gold_flagged", "left_pick_rate", "left_pick_chance", "preference_judgments", "longer_pick_rate", "longer_pick_items", "tie_rate", "both_bad_rate", "skips", "outlier", "outlier_reasons", "paused_at"],
        view.annotators.map((a) => [a.annotatorId, a.name, a.email, a.judgments, a.medianTimeMs, a.looAgreement, a.looItems, a.goldItems, a.goldCorrect, a.goldAccuracy, a.goldFlagged, a.leftPickRate, a.leftPickChance, a.preferenceJudgments, a.longerPickRate, a.longerPickItems, a.tieRate, a.bothBadRate, a.skips, a.outlier, englishReasons(a.outlierReasons), a.pausedAt]),
      );
    case "disagreements":
      return toCsv(["prompt_id", "judgments", "majority_share", "distinct_verdicts"], view.disagreements.map((d) => [d.promptId, d.judgments, d.majorityShare, d.distinctVerdicts]));
    case "over-time":
      return toCsv(["day", "pairs", "agreeing_pairs", "agreement"], view.overTime.map((d) => [d.day, d.pairs, d.agreeingPairs, d.agreement]));
    case "agreement": {
      const a = view.agreement;
      return toCsv(
        ["prompt_set_id", "judgments", "alpha_metric", "alpha", "alpha_units", "alpha_values", "pairwise_agreement", "agreeing_pairs", "pairs", "pairwise_units", "majority_share", "majority_items"],
        [[view.promptSet.id, view.judgments, a.alpha.metric, a.alpha.alpha, a.alpha.units, a.alpha.values, a.pairwise.agreement, a.pairwise.agreeingPairs, a.pairwise.pairs, a.pairwise.units, a.majorityShare, a.majorityItems]],
      );
    }
  }
}

export const leaderboardCsvTables = ["strengths", "win-rates", "categories", "compare", "pass-rates"] as const;
export type LeaderboardCsvTable = (typeof leaderboardCsvTables)[number];

export function leaderboardCsv(view: LeaderboardView, table: LeaderboardCsvTable): string {
  switch (table) {
    case "strengths":
      return toCsv(
        ["source", "model_key", "name", "model", "endpoint_id", "label", "theta", "ci95_low", "ci95_high", "comparisons"],
        view.boards.flatMap((board) => board.models.map((m) => [board.source, m.key, m.name, m.model, m.endpointId, m.label, m.theta, m.low, m.high, m.comparisons])),
      );
    case "win-rates":
      return toCsv(["source", "model_a", "model_b", "wins", "ties", "losses", "comparisons", "win_rate"], view.boards.flatMap((board) => board.winRates.map((c) => [board.source, c.a, c.b, c.wins, c.ties, c.losses, c.comparisons, c.winRate])));
    case "categories":
      return toCsv(["category", "model_key", "name", "score", "ci95_low", "ci95_high", "comparisons"], view.categories.map((c) => [c.category, c.model, c.name, c.score, c.low, c.high, c.comparisons]));
    case "pass-rates":
      return toCsv(
        ["model_key", "name", "verifier", "kind", "check_type", "scored", "passed", "undecided", "pass_rate", "ci95_low", "ci95_high"],
        view.verifiers.passRates.map((r) => [r.model, r.name, r.verifier, r.kind, r.checkType, r.total, r.passed, r.undecided, r.rate, r.low, r.high]),
      );
    case "compare":
      return toCsv(
        ["prompt_set_id", "prompt_set", "source", "metric", "model_a", "model_b", "value", "ci95_low", "ci95_high", "comparisons"],
        (view.compare?.rows ?? []).map((r) => [r.promptSetId, r.promptSetName, r.source, r.metric, view.compare!.a, view.compare!.b, r.value, r.low, r.high, r.comparisons]),
      );
  }
}
