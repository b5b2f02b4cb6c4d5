import { judgmentSources } from "../vocabulary";
import { exportFormats, recordProblem, writeRecord, type FormatProblem } from "./formats";
import { toJsonlLine } from "./jsonl";
import { addDropCounts, aggregatePairs, emptyDropCounts, type DropCounts } from "./pairing";
import { configNameOf, shapeOptions, type ExportSettings } from "./settings";
import { assignSplit, promptSplitKey, type SplitName } from "./split";
import { createExportStatsAccumulator, type ExportStats } from "./stats";
import { applySystemPolicy, lacksSystemMessage } from "./system-policy";
import { preferenceExamples, sftExamples, sftTargets, unpairedExamples, unpairedLabels } from "./targets";
import type { ExportFormatName, ExportJudgment, JudgedPrompt } from "./types";
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
  /** The written prompt has no system message: a chat template's default system prompt will be added in training. */
  withoutSystem: boolean;
  /** The prompt holds earlier assistant turns (context, not targets: see the dataset card's flags). */
  multiTurn: boolean;
  /** Where this prompt's records come from, for the manifest's count by source. */
  source: RecordSource;
  /** The judgment sources (or VERIFIER) behind this prompt's records, for the manifest's byJudgmentSource. */
  sourceKey: string;
};

/** The source of a record's verdict: people (judgments, adjudications, imported labels), the verifiers, or model judges. */
export type RecordSource = "human" | "verifier" | "model-judge";
export const recordSources: readonly RecordSource[] = ["human", "verifier", "model-judge"];

/**
 * The judgments a prompt's records are built from, by the export's source: people's (everything but
 * MODEL_JUDGE; the snapshot already leaves judges out for "human"), the judges', or people's when
 * any person judged the prompt and the judges' otherwise ("human-then-judge").
 */
export function judgmentsForSource(prompt: JudgedPrompt, source: ExportSettings["policy"]["source"]): { prompt: JudgedPrompt; source: RecordSource } {
  const people = prompt.judgments.filter((judgment) => judgment.source !== "MODEL_JUDGE");
  const judges = prompt.judgments.filter((judgment) => judgment.source === "MODEL_JUDGE");
  if (source === "judge" || (source === "human-then-judge" && people.length === 0 && judges.length > 0)) return { prompt: { ...prompt, judgments: judges }, source: "model-judge" };
  return { prompt: { ...prompt, judgments: people }, source: "human" };
}

export function exportPrompt(stored: JudgedPrompt, settings: ExportSettings): PromptOutput {
  const format: ExportFormatName = settings.format;
  // The split hashes the prompt as stored: a change of system-message policy never moves a prompt between splits.
  const split = assignSplit(promptSplitKey(stored, settings.split.by), settings.split.seed, settings.split);
  const prompt = applySystemPolicy(stored, settings.records.systemMessage);
  const withoutSystem = lacksSystemMessage(prompt.messages);
  const multiTurn = prompt.messages.some((message) => message.role === "assistant");
  const shape = shapeOptions(settings);
  const drops = emptyDropCounts();
  const kind = exportFormats[format].kind;
  const chosen = judgmentsForSource(prompt, settings.policy.source);
  const source: RecordSource = settings.policy.source === "verifier" || (kind === "prompt-only" && settings.policy.passRate) ? "verifier" : chosen.source;
  const sourceKey = source === "verifier" ? "VERIFIER" : judgmentSourceKey(chosen.prompt.judgments);
  const problem = recordProblem(format, prompt, shape);
  if (problem) return { split, lines: [], drops, skipped: problem, pairs: [], withoutSystem, multiTurn, source, sourceKey };

  if (kind === "prompt-only") {
    let sampled: { passRate?: number; samples?: number } = {};
    if (settings.policy.passRate) {
      const rate = promptPassRate(prompt, settings.policy.passRate);
      if ("drop" in rate) {
        drops[rate.drop] += 1;
        return { split, lines: [], drops, skipped: null, pairs: [], withoutSystem, multiTurn, source, sourceKey };
      }
      sampled = rate;
    }
    const line = toJsonlLine(writeRecord(format as "prompt-only", { prompt, promptId: stored.promptId, split, ...sampled }, shape));
    return { split, lines: [line], drops, skipped: null, pairs: [], withoutSystem, multiTurn, source, sourceKey };
  }

  if (settings.policy.source === "verifier") return { ...verifierOutput(prompt, settings, split), withoutSystem, multiTurn, sourceKey };

  const judged = chosen.prompt;
  const aggregation = aggregatePairs(judged, {
    policy: { kind: settings.policy.kind, minRankMargin: settings.policy.minRankMargin },
    minAgreement: settings.policy.minAgreement,
    minJudgments: settings.policy.minJudgments,
    marginFromAgreement: settings.policy.marginFromAgreement,
  });
  addDropCounts(drops, aggregation.drops);
  const preference = preferenceExamples(judged, aggregation.pairs);
  const pairs = preference.map(({ chosen, rejected }) => ({ chosen, rejected }));

  let lines: string[];
  if (kind === "preference") {
    lines = preference.map((example) => toJsonlLine(writeRecord(format as "trl-preference", example, shape)));
  } else if (kind === "sft") {
    const examples = sftExamples(judged, sftTargets(judged, aggregation, settings.policy.sftSource));
    lines = examples.map((example) => toJsonlLine(writeRecord(format as "trl-messages", example, shape)));
  } else {
    const labels = unpairedLabels(judged, aggregation);
    addDropCounts(drops, labels.drops);
    lines = unpairedExamples(judged, labels.labels).map((example) => toJsonlLine(writeRecord("kto", example, shape)));
  }
  return { split, lines, drops, skipped: null, pairs, withoutSystem, multiTurn, source, sourceKey };
}

/** Records from verifier outcomes; the caller adds the prompt's system-message flags. */
function verifierOutput(prompt: JudgedPrompt, settings: ExportSettings, split: SplitName): Omit<PromptOutput, "withoutSystem" | "multiTurn" | "sourceKey"> {
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
  /** Rows written without a system message (the trainer's chat template adds its own default to these). */
  rowsWithoutSystem: number;
  /** Rows whose prompt holds earlier assistant turns. */
  rowsMultiTurn: number;
  /** KTO: rows labelled true (desirable) per split; the rest of the split's rows are undesirable. */
  desirable: Record<SplitName, number>;
  splits: Record<SplitName, SplitTally>;
  /**
   * Rows written, by the source(s) of the verdicts they come from: "HUMAN", "IMPORTED", "HUMAN+IMPORTED",
   * ..., "VERIFIER" for records built from verifier outcomes, "none" for prompt-only rows.
   */
  rowsByJudgmentSource: Record<string, number>;
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
  const rowsByJudgmentSource: Record<string, number> = {};
  let prompts = 0;
  let rows = 0;
  let rowsWithoutSystem = 0;
  let rowsMultiTurn = 0;
  const desirable: Record<SplitName, number> = { train: 0, test: 0, validation: 0 };
  const sources: Record<RecordSource, number> = { human: 0, verifier: 0, "model-judge": 0 };
  return {
    add(prompt: JudgedPrompt, output: PromptOutput): void {
      prompts += 1;
      rows += output.lines.length;
      if (output.withoutSystem) rowsWithoutSystem += output.lines.length;
      if (output.multiTurn) rowsMultiTurn += output.lines.length;
      // ktoRecord writes `label` last, so a desirable KTO line ends so; no other format's line does.
      desirable[output.split] += output.lines.filter((line) => line.endsWith('"label":true}\n')).length;
      sources[output.source] += output.lines.length;
      if (output.lines.length > 0) splits[output.split].prompts += 1;
      splits[output.split].rows += output.lines.length;
      if (output.lines.length > 0) {
        // The judgments the records were built from (a verifier's records: VERIFIER), not all the prompt's.
        rowsByJudgmentSource[output.sourceKey] = (rowsByJudgmentSource[output.sourceKey] ?? 0) + output.lines.length;
      }
      addDropCounts(dropped, output.drops);
      if (output.skipped) skipped[output.skipped] = (skipped[output.skipped] ?? 0) + 1;
      stats.add(prompt, output.pairs);
    },
    result: (): ExportTallyResult => ({
      prompts,
      rows,
      rowsWithoutSystem,
      rowsMultiTurn,
      desirable,
      splits,
      rowsByJudgmentSource,
      dropped,
      skipped,
      stats: stats.result(),
      sources,
    }),
  };
}

/**
 * The sources behind a prompt's rows, in the vocabulary's order and joined with "+": "HUMAN",
 * "ADJUDICATION", "HUMAN+IMPORTED"; "none" for a prompt-only row with no judgment.
 */
export function judgmentSourceKey(judgments: readonly Pick<ExportJudgment, "source">[]): string {
  const present = new Set(judgments.map((judgment) => judgment.source));
  const key = judgmentSources.filter((source) => present.has(source)).join("+");
  return key === "" ? "none" : key;
}

/** The data file of a split inside the export: `<config>/<split>.jsonl` (`.parquet` for veRL). */
export function dataFilePath(settings: Pick<ExportSettings, "format">, split: SplitName): string {
  return `${configNameOf(settings)}/${split}${exportFormats[settings.format].fileExtension}`;
}

export const splitNames: readonly SplitName[] = ["train", "test", "validation"];
