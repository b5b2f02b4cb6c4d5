import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { AutoRefresh } from "./auto-refresh";

export type ExportRow = {
  id: string;
  name: string;
  format: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  progress: number;
  total: number | null;
  error: string | null;
  createdAt: string;
  createdBy: string | null;
};

const tones: Record<ExportRow["status"], BadgeTone> = { QUEUED: "neutral", RUNNING: "accent", SUCCEEDED: "success", FAILED: "danger" };

export function ExportProgress({ row }: { row: Pick<ExportRow, "status" | "progress" | "total"> }) {
  if (row.status !== "RUNNING") return null;
  const max = Math.max(row.total ?? 0, 1);
  return (
    <div className="mt-1 flex items-center gap-2 text-xs text-muted-foreground">
      <progress max={max} value={Math.min(row.progress, max)} className="h-2 w-32" aria-label="Export progress" />
      {row.progress} / {row.total ?? "?"} prompts
    </div>
  );
}

/** Past exports, newest first; refreshes itself while one is queued or running. */
export function ExportHistory({ rows }: { rows: ExportRow[] }) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No exports yet" headingLevel={3}>
        <p>Exports you start appear here with their progress, manifest and hashes, and can be downloaded again at any time.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <AutoRefresh active={rows.some((row) => row.status === "QUEUED" || row.status === "RUNNING")} />
      <Table caption="Export history">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Format</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Created</TableHeaderCell>
            <TableHeaderCell>Download</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid="export-row">
              <TableCell>
                <Link href={`/exports/${row.id}`} className="font-medium underline-offset-2 hover:underline">
                  {row.name}
                </Link>
                {row.error ? <p className="mt-1 max-w-md text-xs text-danger-text">{row.error}</p> : null}
              </TableCell>
              <TableCell>
                <code className="text-xs">{row.format}</code>
              </TableCell>
              <TableCell>
                <Badge tone={tones[row.status]}>{row.status.toLowerCase()}</Badge>
                <ExportProgress row={row} />
              </TableCell>
              <TableCell className="text-xs text-muted-foreground">
                {new Date(row.createdAt).toLocaleString()}
                {row.createdBy ? <div>{row.createdBy}</div> : null}
              </TableCell>
              <TableCell className="space-x-2 text-sm whitespace-nowrap">
                {row.status === "SUCCEEDED" ? (
                  <>
                    <a className="underline" href={`/api/exports/${row.id}/archive?type=zip`}>
                      zip
                    </a>
                    <a className="underline" href={`/api/exports/${row.id}/archive?type=tar.gz`}>
                      tar.gz
                    </a>
                  </>
                ) : (
                  <span className="text-muted-foreground">–</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
