import type { ExportPreviewData } from "./export-action-state";
import { ExportStats } from "./export-stats";

/** The preview: counts and statistics, then the first records as they would be written. */
export function ExportPreviewPanel({ preview }: { preview: ExportPreviewData }) {
  return (
    <section aria-label="Preview" className="mt-6 space-y-4 border-t border-border pt-4">
      <h3 className="text-sm font-semibold">Preview (snapshot {new Date(preview.snapshotAt).toLocaleString()})</h3>
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
    </section>
  );
}
