import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ExportPreviewData } from "@/components/exports/export-action-state";
import { ExportStatusBadge, isExportLive } from "@/components/exports/export-status";
import { ExportStats } from "@/components/exports/export-stats";
import { LiveExportStatus } from "@/components/exports/live-export-status";
import { QueryProvider } from "@/components/query/query-provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canExport } from "@/lib/authz/permissions";
import { getExport } from "@/server/services/exports/get-export";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exports"))("detailMetaTitle") };
}

type Manifest = Pick<ExportPreviewData, "splits" | "dropped" | "skipped" | "stats"> & { counts: { rows: number; prompts: number; splits: ExportPreviewData["splits"] }; snapshotAt: string };

export default async function ExportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission(canExport);
  const detail = await loadOrNotFound(getExport({ actor, exportId: (await params).id }));
  const manifest = detail.manifest as Manifest | null;
  const t = await getTranslations("exports.detail");

  return (
    <>
      <PageHeader title={detail.name} description={detail.createdBy ? t("descriptionBy", { format: detail.format, at: detail.createdAt, email: detail.createdBy.email }) : t("description", { format: detail.format, at: detail.createdAt })} />
      <div className="space-y-6">
        <p className="flex items-center gap-3">
          {isExportLive(detail.status) ? (
            <QueryProvider>
              <LiveExportStatus initial={{ id: detail.id, status: detail.status, progress: detail.progress, total: detail.total }} />
            </QueryProvider>
          ) : (
            <ExportStatusBadge status={detail.status} />
          )}
          <Link href="/exports" className="text-sm underline">
            {t("allExports")}
          </Link>
        </p>
        {detail.error ? <Alert tone="error" testId="export-failure" title={t("failed")}>{detail.error}</Alert> : null}
        {manifest ? (
          <Card>
            <CardTitle>{t("countsTitle")}</CardTitle>
            <p className="mt-1 text-sm text-muted-foreground">{t("snapshot", { at: new Date(manifest.snapshotAt) })}</p>
            <div className="mt-3">
              <ExportStats data={{ ...manifest, rows: manifest.counts.rows, prompts: manifest.counts.prompts, splits: manifest.counts.splits }} />
            </div>
          </Card>
        ) : null}
        {detail.status === "SUCCEEDED" ? (
          <section className="space-y-3" aria-label={t("files")}>
            <p className="space-x-3 text-sm">
              <a className="underline" href={`/api/exports/${detail.id}/archive?type=zip`} data-testid="download-zip">
                {t("downloadZip")}
              </a>
              <a className="underline" href={`/api/exports/${detail.id}/archive?type=tar.gz`}>
                {t("downloadTarGz")}
              </a>
            </p>
            <Table caption={t("files")}>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("file")}</TableHeaderCell>
                  <TableHeaderCell>{t("rows")}</TableHeaderCell>
                  <TableHeaderCell>{t("bytes")}</TableHeaderCell>
                  <TableHeaderCell>sha256</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {detail.files.map((file) => (
                  <TableRow key={file.path} data-testid="export-file">
                    <TableCell>
                      <a className="underline" href={`/api/exports/${detail.id}/files/${file.path}`}>
                        {file.path}
                      </a>
                    </TableCell>
                    <TableCell>{file.rows ?? ""}</TableCell>
                    <TableCell>{file.bytes}</TableCell>
                    <TableCell>
                      <code className="text-xs break-all">{file.sha256}</code>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
        ) : null}
        {manifest ? (
          <details className="rounded-md border border-border p-3">
            <summary className="cursor-pointer text-sm font-medium">manifest.json</summary>
            <pre className="mt-2 overflow-x-auto text-xs">{JSON.stringify(manifest, null, 2)}</pre>
          </details>
        ) : null}
      </div>
    </>
  );
}
