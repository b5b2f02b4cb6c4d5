import Link from "next/link";
import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { ExportStatusBadge, isExportLive, type ExportStatusData } from "./export-status";
import { LiveExportStatus } from "./live-export-status";

export type ExportRow = ExportStatusData & {
  name: string;
  format: string;
  error: string | null;
  createdAt: string;
  createdBy: string | null;
};

/** Past exports, newest first; the status of a queued or running one updates itself (wrap in QueryProvider). */
export function ExportHistory({ rows, cancelAction }: { rows: ExportRow[]; cancelAction?: (formData: FormData) => Promise<void> }) {
  const t = useTranslations("exports.history");
  if (rows.length === 0) {
    return (
      <EmptyState title={t("emptyTitle")} headingLevel={3}>
        <p>{t("emptyBody")}</p>
      </EmptyState>
    );
  }
  return (
    <Table caption={t("caption")}>
      <TableHead>
        <TableRow>
          <TableHeaderCell>{t("name")}</TableHeaderCell>
          <TableHeaderCell>{t("format")}</TableHeaderCell>
          <TableHeaderCell>{t("status")}</TableHeaderCell>
          <TableHeaderCell>{t("created")}</TableHeaderCell>
          <TableHeaderCell>{t("download")}</TableHeaderCell>
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
              {isExportLive(row.status) ? <LiveExportStatus initial={{ id: row.id, status: row.status, progress: row.progress, total: row.total }} /> : <ExportStatusBadge status={row.status} />}
            </TableCell>
            <TableCell className="text-xs text-muted-foreground">
              {t("createdAt", { at: new Date(row.createdAt) })}
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
              ) : isExportLive(row.status) && cancelAction ? (
                <form action={cancelAction}>
                  <input type="hidden" name="exportId" value={row.id} />
                  <button type="submit" className="underline" aria-label={t("cancelLabel", { name: row.name })}>
                    {t("cancel")}
                  </button>
                </form>
              ) : (
                <span className="text-muted-foreground">–</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
