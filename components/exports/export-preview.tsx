import { Alert } from "@/components/ui/alert";
import { templateDefaultSystem } from "@/lib/export/system-policy";
import type { ExportPreviewData } from "./export-action-state";
import { ExportStats } from "./export-stats";
import { TrainerViewPanel } from "./trainer-view-panel";

const completionOnlySft = new Set(["trl-prompt-completion", "openai-chat"]);

/** The preview: counts and statistics, warnings, then the first records as written and as the trainer sees them. */
export function ExportPreviewPanel({ preview }: { preview: ExportPreviewData }) {
  return (
    <section aria-label="Preview" className="mt-6 space-y-4 border-t border-border pt-4">
      <h3 className="text-sm font-semibold">Preview (snapshot {new Date(preview.snapshotAt).toLocaleString()})</h3>
      {preview.rowsWithoutSystem > 0 ? (
        <Alert tone="warning" testId="export-system-warning" title={`${preview.rowsWithoutSystem} of ${preview.rows} rows have no system message.`}>
          A chat template adds its own default to these when training:
          <ul className="mt-1 list-disc pl-5">
            {templateDefaultSystem.map((entry) => (
              <li key={entry.template}>
                {entry.template}: <q>{entry.inserts}</q>
              </li>
            ))}
          </ul>
          For identity tuning choose a system-message policy that fills them (the set&apos;s default or a given text), or an explicit empty one.
        </Alert>
      ) : null}
      {preview.format.kind === "sft" && preview.rowsMultiTurn > 0 && !completionOnlySft.has(preview.format.name) ? (
        <Alert tone="info" testId="export-multiturn-hint" title={`${preview.rowsMultiTurn} rows are multi-turn: prompt-completion is recommended.`}>
          With <code>{preview.format.name}</code>, TRL&apos;s SFTTrainer and LLaMA-Factory also train on the earlier assistant turns unless told otherwise
          (LLaMA-Factory: <code>mask_history: true</code>). <code>trl-prompt-completion</code> trains only the judged turn.
        </Alert>
      ) : null}
      <ExportStats data={preview} />
      <div className="space-y-2">
        <h4 className="text-sm font-medium">First records</h4>
        {preview.records.length === 0 ? <p className="text-sm text-muted-foreground">No records would be written.</p> : null}
        {preview.records.map((record, index) => (
          <pre key={index} data-testid="export-preview-record" className="overflow-x-auto rounded-md bg-surface-muted p-3 text-xs whitespace-pre-wrap">
            <span className="text-muted-foreground">{record.split}: </span>
            {record.line}
          </pre>
        ))}
      </div>
      {preview.records.length > 0 ? <TrainerViewPanel views={preview.trainerViews} /> : null}
    </section>
  );
}
