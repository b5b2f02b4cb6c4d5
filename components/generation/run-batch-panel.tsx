"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { RunEndpointRef } from "@/lib/generation/contracts";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { BatchFileRefused, downloadBatchFile } from "./batch-download";
import { BatchResultsImport } from "./batch-results-import";

// A stopped generation run's Batch file: the run's tasks still without a candidate, for one of its
// endpoints, as the requests the worker would send (POST /api/generation/runs/:id/batch-file), and the
// import of the results file the Batch service writes, which stores each answer as its task's candidate.

type DownloadState = { status: "idle" } | { status: "busy" } | { status: "done"; lines: string; name: string } | { status: "error"; message: string; field?: string };

export function RunBatchPanel({ runId, promptSetId, endpoints }: { runId: string; promptSetId: string; endpoints: RunEndpointRef[] }) {
  const t = useTranslations("batch");
  const errorText = useErrorText();
  const router = useRouter();
  const [download, setDownload] = useState<DownloadState>({ status: "idle" });
  const prefix = `run-batch-${runId}`;

  async function onDownload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const endpointId = String(new FormData(event.currentTarget).get("endpointId") ?? "");
    setDownload({ status: "busy" });
    try {
      const saved = await downloadBatchFile(`/api/generation/runs/${runId}/batch-file`, endpointId ? { endpointId } : {});
      setDownload({ status: "done", ...saved });
    } catch (error) {
      const message = errorText(error instanceof BatchFileRefused ? error.reason : error);
      setDownload({ status: "error", message, ...(error instanceof BatchFileRefused && error.fields.endpointId ? { field: errorText(error.fields.endpointId) } : {}) });
    }
  }

  return (
    <details className="rounded-lg border border-border bg-surface px-4 py-3" data-testid={`run-batch-${runId}`}>
      <summary className="cursor-pointer text-sm font-medium">{t("run.summary")}</summary>
      <p className="mt-2 text-sm text-muted-foreground">{t("run.description")}</p>
      <div className="mt-4 grid gap-8 lg:grid-cols-2">
        <form onSubmit={onDownload} noValidate className="space-y-4" aria-label={t("run.downloadForm")}>
          <Field label={t("run.endpoint")} id={`${prefix}-endpoint`} hint={t("run.endpointHint")} error={download.status === "error" ? download.field : undefined}>
            {(control) => (
              <Select {...control} name="endpointId" defaultValue={endpoints[0]?.id}>
                {endpoints.map((endpoint) => (
                  <option key={endpoint.id} value={endpoint.id}>
                    {t("run.endpointOption", { name: endpoint.name, model: endpoint.model })}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {download.status === "error" ? (
            <Alert tone="error" testId="run-batch-file-error" title={t("notWritten")}>
              {download.message}
            </Alert>
          ) : null}
          {download.status === "done" ? <Alert tone="success">{t("written", { lines: download.lines, name: download.name })}</Alert> : null}
          <Button type="submit" disabled={download.status === "busy"}>
            {t("run.download")}
          </Button>
        </form>
        {/* A run's results go to its prompt set's import: the file's tag ties each line to the run's task. */}
        <BatchResultsImport promptSetId={promptSetId} idPrefix={prefix} onImported={() => router.refresh()} />
      </div>
    </details>
  );
}
