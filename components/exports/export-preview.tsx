import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { templateDefaultSystem } from "@/lib/export/system-policy";
import type { ExportPreviewData } from "./export-action-state";
import { ExportStats } from "./export-stats";
import { TrainerViewPanel } from "./trainer-view-panel";

const completionOnlySft = new Set(["trl-prompt-completion", "openai-chat"]);

/** The preview: counts and statistics, warnings, then the first records as written and as the trainer sees them. */
export function ExportPreviewPanel({ preview }: { preview: ExportPreviewData }) {
  const t = useTranslations("exports.preview");
  return (
    <section aria-label={t("label")} className="mt-6 space-y-4 border-t border-border pt-4">
      <h3 className="text-sm font-semibold">{t("title", { at: new Date(preview.snapshotAt) })}</h3>
      {preview.rowsWithoutSystem > 0 ? (
        <Alert tone="warning" testId="export-system-warning" title={t("noSystem", { without: preview.rowsWithoutSystem, rows: preview.rows })}>
          {t("noSystemBody")}
          <ul className="mt-1 list-disc pl-5">
            {templateDefaultSystem.map((entry) => (
              <li key={entry.template}>
                {entry.template}: <q>{entry.inserts}</q>
              </li>
            ))}
          </ul>
          {t("noSystemAdvice")}
        </Alert>
      ) : null}
      {preview.format.kind === "sft" && preview.rowsMultiTurn > 0 && !completionOnlySft.has(preview.format.name) ? (
        <Alert tone="info" testId="export-multiturn-hint" title={t("multiTurn", { count: preview.rowsMultiTurn })}>
          {t.rich("multiTurnBody", { format: preview.format.name, code: (chunks) => <code>{chunks}</code> })}
        </Alert>
      ) : null}
      <ExportStats data={preview} />
      <div className="space-y-2">
        <h4 className="text-sm font-medium">{t("firstRecords")}</h4>
        {preview.records.length === 0 ? <p className="text-sm text-muted-foreground">{t("noRecords")}</p> : null}
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
