import "server-only";
import { createExportTally, exportPrompt, type ExportTallyResult } from "@/lib/export/pipeline";
import type { ExportSettings } from "@/lib/export/settings";
import type { SplitName } from "@/lib/export/split";
import { chatTemplates, trainerViews, type ChatTemplateId, type TrainerView } from "@/lib/export/trainer-view";
import { snapshotOptionsFor, withSnapshot } from "./snapshot";

/** The first records through each shipped chat template: what the trainer tokenizes, and where the loss applies. */
export type TrainerViewPreview = { templateId: string; templateLabel: string; source: string; records: TrainerView[][] };

export type ExportPreview = ExportTallyResult & { snapshotAt: string; records: { split: SplitName; line: string }[]; trainerViews: TrainerViewPreview[] };

const TRAINER_VIEW_RECORDS = 2;

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
    const sample = records.slice(0, TRAINER_VIEW_RECORDS).map((record) => JSON.parse(record.line) as Record<string, unknown>);
    const views = chatTemplates.map((template) => ({
      templateId: template.id,
      templateLabel: template.label,
      source: `${template.source.repository}/${template.source.path}@${template.source.commit.slice(0, 10)}`,
      records: sample.map((record) => trainerViews(settings.format, record, template.id as ChatTemplateId)),
    }));
    return { ...tally.result(), snapshotAt: snapshot.snapshotAt.toISOString(), records, trainerViews: views };
  });
}
