import "server-only";
import { exportFormats, datasetCard, datasetInfoJson, type LlamaFactoryDatasetInfo } from "@/lib/export/formats";
import { createExportTally, dataFilePath, exportPrompt, splitNames, type ExportTallyResult } from "@/lib/export/pipeline";
import { datasetCardBody } from "@/lib/export/dataset-card";
import { configNameOf, type ExportSettings } from "@/lib/export/settings";
import type { SplitName } from "@/lib/export/split";
import packageJson from "@/package.json" with { type: "json" };
import { ExportFileWriter, writeWholeFile, type ExportFileEntry } from "./file-store";
import { ParquetExportFileWriter } from "./parquet-file-writer";
import { snapshotOptionsFor, withSnapshot } from "./snapshot";

export type ExportManifest = {
  export: { id: string; name: string; createdAt: string; createdBy: string | null };
  format: { name: string; kind: string; trainers: readonly string[] };
  policy: ExportSettings["policy"];
  filters: ExportSettings["filters"];
  split: ExportSettings["split"];
  records: ExportSettings["records"];
  snapshotAt: string;
  counts: {
    prompts: number;
    rows: number;
    splits: ExportTallyResult["splits"];
    byJudgmentSource: ExportTallyResult["rowsByJudgmentSource"];
    /** Rows written without a system message (a chat template's default applies to them). */
    rowsWithoutSystem: number;
    rowsMultiTurn: number;
    /** Rows by the source of their verdict: human judgments or the verifiers. */
    bySource: ExportTallyResult["sources"];
    /** KTO only: desirable rows per split. */
    desirable?: ExportTallyResult["desirable"];
  };
  dropped: ExportTallyResult["dropped"] & { "duplicate-record-across-prompts": number };
  skipped: ExportTallyResult["skipped"];
  stats: ExportTallyResult["stats"];
  /** Every file of the archive except manifest.json itself (its hash is in the export's file list). */
  files: ExportFileEntry[];
  appVersion: string;
};

export type BuildExportInput = {
  id: string;
  name: string;
  createdAt: Date;
  createdBy: string | null;
  settings: ExportSettings;
  /** Called after each page of prompts with (done, total). */
  onProgress?: (done: number, total: number) => Promise<void>;
  /** Asked after each page: true stops the build with `ExportCancelledError` (the caller removes the partial files). */
  isCancelled?: () => Promise<boolean>;
};

export type BuiltExport = { manifest: ExportManifest; snapshotAt: Date; files: ExportFileEntry[] };

/**
 * Reads the snapshot page by page, writes each split's JSONL as it goes, then the dataset card,
 * dataset_info.json (LLaMA-Factory formats) and the manifest. Memory: one page of prompts, one chunk
 * per open file, the duplicate-line hashes of one content group, and fixed-size counters.
 */
export async function buildExport(input: BuildExportInput): Promise<BuiltExport> {
  const { settings } = input;
  const kind = exportFormats[settings.format].kind;
  return withSnapshot({ ...snapshotOptionsFor(settings), parallelReaders: true }, async (snapshot) => {
    const total = await snapshot.countPrompts();
    await input.onProgress?.(0, total);
    const tally = createExportTally();
    const writers = new Map<SplitName, ExportFileWriter | ParquetExportFileWriter>();
    const verlColumns = { checks: settings.policy.verifierChecks, passRate: settings.policy.passRate !== undefined };
    const openWriter = (path: string) => (settings.format === "verl-parquet" ? ParquetExportFileWriter.open(input.id, path, verlColumns) : ExportFileWriter.open(input.id, path));
    let crossPromptDuplicates = 0;
    let groupHash: string | null = null;
    // The lines written for the current content group. Most groups are one prompt with one line: that
    // line is only remembered (not hashed into a set) until another line of the group needs comparing.
    let groupFirstLines: readonly string[] = [];
    let groupLines: Set<string> | null = null;
    let done = 0;

    for await (const page of snapshot.prompts()) {
      for (const prompt of page) {
        const output = exportPrompt(prompt, settings);
        // Prompts with the same content (the same question in two sets) are adjacent: identical
        // records among them are written once.
        if (groupHash !== prompt.contentHash) {
          groupHash = prompt.contentHash;
          groupFirstLines = [];
          groupLines = null;
        }
        let lines = output.lines;
        if (groupLines === null && groupFirstLines.length === 0 && lines.length <= 1) {
          // Nothing of the group written yet and at most one line: nothing to compare it with.
          groupFirstLines = lines;
        } else {
          const seen = (groupLines ??= new Set(groupFirstLines));
          lines = lines.filter((line) => {
            if (seen.has(line)) {
              crossPromptDuplicates += 1;
              return false;
            }
            seen.add(line);
            return true;
          });
        }
        tally.add(prompt, lines === output.lines ? output : { ...output, lines });
        if (lines.length === 0) continue;
        let writer = writers.get(output.split);
        if (!writer) {
          writer = await openWriter(dataFilePath(settings, output.split));
          writers.set(output.split, writer);
        }
        for (const line of lines) {
          // Most lines only append to the open chunk: no promise to wait for.
          const stored = writer.write(line);
          if (stored) await stored;
        }
      }
      done += page.length;
      await input.onProgress?.(done, total);
      if (await input.isCancelled?.()) throw new ExportCancelledError(`Export ${input.id} was cancelled after ${done} of ${total} prompts.`);
    }

    const result = tally.result();
    if (result.rows === 0) {
      const reasons = Object.entries({ ...result.dropped, ...result.skipped })
        .filter(([, count]) => (count ?? 0) > 0)
        .map(([reason, count]) => `${reason}: ${count}`)
        .join(", ");
      throw new ExportEmptyError(
        `No records to write: ${result.prompts} prompt(s) matched the filters${reasons ? `, and every row was dropped (${reasons})` : ""}.`,
      );
    }

    const files: ExportFileEntry[] = [];
    const splits: { name: SplitName; path: string }[] = [];
    for (const split of splitNames) {
      const writer = writers.get(split);
      if (!writer) continue;
      files.push(await writer.close({ rows: true }));
      splits.push({ name: split, path: dataFilePath(settings, split) });
    }

    const configName = configNameOf(settings);
    files.push(await writeWholeFile(input.id, "README.md", datasetCard({ configName, splits, tags: cardTags(settings), body: datasetCardBody({ name: input.name, settings, result, snapshotAt: snapshot.snapshotAt, splits }) })));
    if (settings.format === "llamafactory-sharegpt-sft" || settings.format === "llamafactory-ranking") {
      const format = settings.format;
      const info: LlamaFactoryDatasetInfo = {};
      for (const split of splits) Object.assign(info, datasetInfoJson(format, `arbiter_${configName}_${split.name}`, split.path));
      files.push(await writeWholeFile(input.id, "dataset_info.json", `${JSON.stringify(info, null, 2)}\n`));
    }

    const manifest: ExportManifest = {
      export: { id: input.id, name: input.name, createdAt: input.createdAt.toISOString(), createdBy: input.createdBy },
      format: { name: settings.format, kind, trainers: exportFormats[settings.format].trainers },
      policy: settings.policy,
      filters: settings.filters,
      split: settings.split,
      records: settings.records,
      snapshotAt: snapshot.snapshotAt.toISOString(),
      counts: {
        prompts: result.prompts,
        rows: result.rows,
        splits: result.splits,
        byJudgmentSource: result.rowsByJudgmentSource,
        bySource: result.sources,
        rowsWithoutSystem: result.rowsWithoutSystem,
        rowsMultiTurn: result.rowsMultiTurn,
        ...(kind === "unpaired" ? { desirable: result.desirable } : {}),
      },
      dropped: { ...result.dropped, "duplicate-record-across-prompts": crossPromptDuplicates },
      skipped: result.skipped,
      stats: result.stats,
      files,
      appVersion: packageJson.version,
    };
    const manifestFile = await writeWholeFile(input.id, "manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
    return { manifest, snapshotAt: snapshot.snapshotAt, files: [...files, manifestFile] };
  });
}

export class ExportEmptyError extends Error {
  override name = "ExportEmptyError";
}

export class ExportCancelledError extends Error {
  override name = "ExportCancelledError";
}

function cardTags(settings: ExportSettings): string[] {
  const kind = exportFormats[settings.format].kind;
  const byKind = { sft: ["sft"], preference: ["dpo", "preference"], unpaired: ["kto", "preference"], "prompt-only": ["rl", "prompts"] } as const;
  return ["arbiter", ...byKind[kind]];
}
