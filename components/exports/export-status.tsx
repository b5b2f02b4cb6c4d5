import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ExportSummary } from "@/lib/export/contracts";
import type { ExportStatus } from "@/lib/vocabulary";

/** What the history row and the detail page show of an export's state; GET /api/exports/{id} answers a superset. */
export type ExportStatusData = Pick<ExportSummary, "id" | "status" | "progress" | "total">;

const tones: Record<ExportStatus, BadgeTone> = { QUEUED: "neutral", RUNNING: "accent", SUCCEEDED: "success", FAILED: "danger", CANCELLED: "neutral" };

/** Queued or running: its status is still changing. */
export const isExportLive = (status: ExportStatus) => status === "QUEUED" || status === "RUNNING";

export function ExportStatusBadge({ status }: { status: ExportStatus }) {
  const t = useTranslations("exports.status");
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}

export function ExportProgress({ row }: { row: Pick<ExportStatusData, "status" | "progress" | "total"> }) {
  const t = useTranslations("exports.status");
  if (row.status !== "RUNNING") return null;
  const max = Math.max(row.total ?? 0, 1);
  return (
    <span className="mt-1 flex items-center gap-2 text-xs text-muted-foreground">
      <progress max={max} value={Math.min(row.progress, max)} className="h-2 w-32" aria-label={t("progressLabel")} />
      {t("progress", { progress: row.progress, total: row.total ?? "?" })}
    </span>
  );
}
