import { exportFormats, recordProblem, writeRecord, type FormatProblem } from "./formats";
import { toJsonlLine } from "./jsonl";
import { addDropCounts, aggregatePairs, emptyDropCounts, type DropCounts } from "./pairing";
import { configNameOf, shapeOptions, type ExportSettings } from "./settings";
import { assignSplit, promptSplitKey, type SplitName } from "./split";
import { createExportStatsAccumulator, type ExportStats } from "./stats";
import { preferenceExamples, sftExamples, sftTargets, unpairedExamples, unpairedLabels } from "./targets";
import type { ExportFormatName, JudgedPrompt } from "./types";
import { promptPassRate, verifierLabels, verifierPairs, verifierSftTargets } from "./verifier-pairing";

/**
 * One judged prompt through the whole export logic: its split, its JSONL lines in the export's
 * format, and what was dropped or skipped and why. The export service calls this once per prompt read
 * from the snapshot; everything it keeps across prompts is in `ExportTally` (constant size).
 */

export type PromptOutput = {
  split: SplitName;
  lines: string[];
  drops: DropCounts;
  /** Why the format could not write this prompt at all (counted, never thrown). */
  skipped: FormatProblem | null;
  /** The agreed pairs' texts after every drop, for length bias and pairs per prompt. */
  pairs: { chosen: string; rejected: string }[];
  /** Where this prompt's records come from, for the manifest's count by source. */
  source: RecordSource;
};

/** The source of a record's verdict: people (judgments, adjudications) or the verifiers. */
export type RecordSource = "human" | "verifier";

export function exportPrompt(prompt: JudgedPrompt, settings: ExportSettings): PromptOutput {
  const format: ExportFormatName = settings.format;
  const split = assignSplit(promptSplitKey(prompt, settings.split.by), settings.split.seed, settings.split);
  const shape = shapeOptions(settings);
  const drops = emptyDropCounts();
  const kind = exportFormats[format].kind;
  const source: RecordSource = settings.policy.source === "verifier" || (kind === "prompt-only" && settings.policy.passRate) ? "verifier" : "human";
  const problem = recordProblem(format, prompt, shape);
  if (problem) return { split, lines: [], drops, skipped: problem, pairs: [], source };

  if (kind === "prompt-only") {
    let sampled: { passRate?: number; samples?: number } = {};
    if (settings.policy.passRate) {
      const rate = promptPassRate(prompt, settings.policy.passRate);
      if ("drop" in rate) {
        drops[rate.drop] += 1;
        return { split, lines: [], drops, skipped: null, pairs: [], source };
      }
      sampled = rate;
    }
    const line = toJsonlLine(writeRecord("prompt-only", { prompt, ...sampled }, shape));
    return { split, lines: [line], drops, skipped: null, pairs: [], source };
  }

  if (settings.policy.source === "verifier") return verifierOutput(prompt, settings, split);

  const aggregation = aggregatePairs(prompt, {
    policy: { kind: settings.policy.kind, minRankMargin: settings.policy.minRankMargin },
    minAgreement: settings.policy.minAgreement,
    minJudgments: settings.policy.minJudgments,
    marginFromAgreement: settings.policy.marginFromAgreement,
  });
  addDropCounts(drops, aggregation.drops);
  const preference = preferenceExamples(prompt, aggregation.pairs);
  const pairs = preference.map(({ chosen, rejected }) => ({ chosen, rejected }));

  let lines: string[];
  if (kind === "preference") {
    lines = preference.map((example) => toJsonlLine(writeRecord(format as "trl-preference", example, shape)));
  } else if (kind === "sft") {
    const examples = sftExamples(prompt, sftTargets(prompt, aggregation, settings.policy.sftSource));
    lines = examples.map((example) => toJsonlLine(writeRecord(format as "trl-messages", example, shape)));
  } else {
    const labels = unpairedLabels(prompt, aggregation);
    addDropCounts(drops, labels.drops);
    lines = unpairedExamples(prompt, labels.labels).map((example) => toJsonlLine(writeRecord("kto", example, shape)));
  }
  return { split, lines, drops, skipped: null, pairs, source };
}

function verifierOutput(prompt: JudgedPrompt, settings: ExportSettings, split: SplitName): PromptOutput {
  const format = settings.format;
  const shape = shapeOptions(settings);
  const kind = exportFormats[format].kind;
  if (kind === "preference") {
    const { pairs, drops } = verifierPairs(prompt, settings.policy.kind === "all-pairs" ? "all-pairs" : "best-vs-worst");
    const lines = pairs.map((pair) => toJsonlLine(writeRecord(format as "trl-preference", { prompt, ...pair }, shape)));
    return { split, lines, drops, skipped: null, pairs, source: "verifier" };
  }
  if (kind === "sft") {
    const { targets, drops } = verifierSftTargets(prompt);
    const lines = targets.map((completion) => toJsonlLine(writeRecord(format as "trl-messages", { prompt, completion }, shape)));
    return { split, lines, drops, skipped: null, pairs: [], source: "verifier" };
  }
  const { labels, drops } = verifierLabels(prompt);
  const lines = labels.map((row) => toJsonlLine(writeRecord("kto", { prompt, ...row }, shape)));
  return { split, lines, drops, skipped: null, pairs: [], source: "verifier" };
}

export type SplitTally = { prompts: number; rows: number };
export type ExportTallyResult = {
  prompts: number;
  rows: number;
  splits: Record<SplitName, SplitTally>;
  dropped: DropCounts;
  skipped: Partial<Record<FormatProblem, number>>;
  stats: ExportStats;
  /** Rows written, by the source of their verdict. */
  sources: Record<RecordSource, number>;
};

/** Counts, drops and statistics over the whole export, in constant memory. */
export function createExportTally() {
  const splits: Record<SplitName, SplitTally> = { train: { prompts: 0, rows: 0 }, test: { prompts: 0, rows: 0 }, validation: { prompts: 0, rows: 0 } };
  const dropped = emptyDropCounts();
  const skipped: Partial<Record<FormatProblem, number>> = {};
  const stats = createExportStatsAccumulator();
  let prompts = 0;
  let rows = 0;
  const sources: Record<RecordSource, number> = { human: 0, verifier: 0 };
  return {
    add(prompt: JudgedPrompt, output: PromptOutput): void {
      prompts += 1;
      rows += output.lines.length;
      sources[output.source] += output.lines.length;
      if (output.lines.length > 0) splits[output.split].prompts += 1;
      splits[output.split].rows += output.lines.length;
      addDropCounts(dropped, output.drops);
      if (output.skipped) skipped[output.skipped] = (skipped[output.skipped] ?? 0) + 1;
      stats.add(prompt, output.pairs);
    },
    result: (): ExportTallyResult => ({ prompts, rows, splits, dropped, skipped, stats: stats.result(), sources }),
  };
}

/** The data file of a split inside the export: `<config>/<split>.jsonl`. */
export function dataFilePath(settings: Pick<ExportSettings, "format">, split: SplitName): string {
  return `${configNameOf(settings)}/${split}.jsonl`;
}

export const splitNames: readonly SplitName[] = ["train", "test", "validation"];
