import "server-only";
import { createExportTally, exportPrompt, type ExportTallyResult } from "@/lib/export/pipeline";
import type { ExportSettings } from "@/lib/export/settings";
import type { SplitName } from "@/lib/export/split";
import { snapshotOptionsFor, withSnapshot } from "./snapshot";

export type ExportPreview = ExportTallyResult & { snapshotAt: string; records: { split: SplitName; line: string }[] };

/** The counts an export would have and its first records, from one snapshot, writing nothing. */
export async function previewExportData(settings: ExportSettings, firstRecords = 5): Promise<ExportPreview> {
  return withSnapshot(snapshotOptionsFor(settings), async (snapshot) => {
    const tally = createExportTally();
    const records: ExportPreview["records"] = [];
    for await (const page of snapshot.prompts()) {
      for (const prompt of page) {
        const output = exportPrompt(prompt, settings);
        tally.add(prompt, output);
        for (const line of output.lines) if (records.length < firstRecords) records.push({ split: output.split, line });
      }
    }
    return { ...tally.result(), snapshotAt: snapshot.snapshotAt.toISOString(), records };
  });
}
