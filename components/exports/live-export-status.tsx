"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { fetchApi } from "@/components/query/fetch-api";
import { ExportProgress, ExportStatusBadge, isExportLive, type ExportStatusData } from "./export-status";

/**
 * The status badge and progress of a queued or running export, polled from GET /api/exports/{id} every
 * second while it is live: only this part re-renders. When the export finishes, the page is refreshed
 * once from the server so that its downloads, files and manifest appear. A failed poll shows a short
 * error and the next tick tries again.
 */
export function LiveExportStatus({ initial }: { initial: ExportStatusData }) {
  const t = useTranslations("exports.status");
  const queryClient = useQueryClient();
  const router = useRouter();
  const query = useQuery({
    queryKey: ["export", initial.id],
    queryFn: ({ signal }) => fetchApi<ExportStatusData>(`/api/exports/${initial.id}`, "export", signal),
    initialData: initial,
    select: ({ id, status, progress, total }): ExportStatusData => ({ id, status, progress, total }),
    refetchInterval: (current) => (current.state.data && isExportLive(current.state.data.status) ? 1000 : false),
  });
  const { status } = query.data;
  const wasLive = useRef(isExportLive(initial.status));

  // A server render (after router.refresh) is newer than anything polled before it.
  useEffect(() => {
    queryClient.setQueryData(["export", initial.id], initial);
  }, [initial, queryClient]);

  useEffect(() => {
    if (wasLive.current && !isExportLive(status)) router.refresh();
    wasLive.current = isExportLive(status);
  }, [status, router]);

  return (
    <>
      <ExportStatusBadge status={status} />
      <ExportProgress row={query.data} />
      {query.error ? (
        <span className="mt-1 block text-xs text-danger-text" data-testid="export-status-error">
          {t("readFailed", { reason: query.error.message })}
        </span>
      ) : null}
    </>
  );
}
