"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { fetchApi } from "@/components/query/fetch-api";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useErrorText } from "@/components/i18n/use-error-text";
import { etaParts } from "@/lib/generation/progress";
import { isRunStatus } from "./run-status";
import type { RunControlAction, RunProgressData } from "./types";

const statusTone: Record<string, BadgeTone> = { RUNNING: "accent", QUEUED: "neutral", COMPLETED: "success", CANCELLED: "warning", FAILED: "danger" };

/** A run that completed with failed tasks is not a success: it says how many failed, in the warning colour. */
function runStatusView(status: string, failed: number): { tone: BadgeTone; withFailures: boolean } {
  const withFailures = status === "COMPLETED" && failed > 0;
  return { tone: withFailures ? "warning" : (statusTone[status] ?? "neutral"), withFailures };
}

type Controls = { cancel: RunControlAction; resume: RunControlAction; retryFailed: RunControlAction };

/**
 * A run's live progress: polls its small JSON route every second while the run is running, and
 * refreshes the page's server-rendered parts (the candidates) when it finishes. TanStack Query keeps
 * one request in flight per run (an interval tick waits for the last answer), aborts a request that a
 * control's refetch supersedes, and turns a failed poll into the error below instead of a rejection.
 */
export function RunProgressPanel({ initial, controls }: { initial: RunProgressData; controls: Controls }) {
  const queryKey = ["generation-run", initial.id];
  const queryClient = useQueryClient();
  const progress = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetchApi<RunProgressData>(`/api/generation/runs/${initial.id}`, "run", signal),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "RUNNING" ? 1000 : false),
  });
  const run = progress.data;
  const t = useTranslations("generationRun");
  const format = useFormatter();
  const errorText = useErrorText();
  const [actionError, setActionError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const previousStatus = useRef(initial.status);

  // A server render (after router.refresh) is newer than anything polled before it.
  useEffect(() => {
    queryClient.setQueryData(["generation-run", initial.id], initial);
  }, [initial, queryClient]);

  useEffect(() => {
    if (previousStatus.current === "RUNNING" && run.status !== "RUNNING") router.refresh();
    previousStatus.current = run.status;
  }, [run.status, router]);

  const control = (action: RunControlAction) => () =>
    startTransition(async () => {
      const formData = new FormData();
      formData.set("runId", run.id);
      const result = await action(formData);
      setActionError(result.status === "error" ? result.message : null);
      await queryClient.refetchQueries({ queryKey });
      router.refresh();
    });

  const error = actionError ?? (progress.error ? t("pollFailed", { detail: errorText(progress.error) }) : null);
  const { figures, counts } = run;
  const status = runStatusView(run.status, counts.failed);
  const statusText = status.withFailures ? t("completedWithFailed", { count: counts.failed }) : isRunStatus(run.status) ? t(`status.${run.status}`) : run.status;
  const eta = etaParts(figures.etaSeconds);
  const etaText = eta.kind === "unknown" ? t("eta.unknown") : eta.kind === "done" ? t("eta.done") : eta.kind === "hours" ? t("eta.hours", eta) : eta.kind === "minutes" ? t("eta.minutes", eta) : t("eta.seconds", eta);
  const pieces = [
    t("figures", { done: figures.done, failed: figures.failed, remaining: figures.remaining }),
    ...(counts.cancelled ? [t("cancelledCount", { count: counts.cancelled })] : []),
    ...(run.status === "RUNNING" ? [figures.throughput ? t("throughput", { rate: format.number(figures.throughput, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) }) : t("throughputUnknown"), etaText] : []),
    ...(run.tokens.prompt + run.tokens.completion > 0 ? [t("tokens", { prompt: run.tokens.prompt, completion: run.tokens.completion })] : []),
  ];
  return (
    <Card className="space-y-3" data-testid={`run-${run.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={status.tone} data-testid="run-status" data-status={run.status}>
            {statusText}
          </Badge>
          <span className="text-muted-foreground">
            {t(run.spreadAcrossModels ? "settingsSpread" : "settingsPerModel", {
              endpoints: run.endpoints.join(", "),
              n: run.candidatesPerModel,
              at: format.dateTime(new Date(run.createdAt), { dateStyle: "medium", timeStyle: "short" }),
            })}
          </span>
        </div>
        <div className="flex gap-2">
          {run.status === "RUNNING" ? (
            <Button size="sm" variant="danger" onClick={control(controls.cancel)} disabled={isPending}>
              {t("cancel")}
            </Button>
          ) : null}
          {run.status === "CANCELLED" ? (
            <Button size="sm" onClick={control(controls.resume)} disabled={isPending}>
              {t("resume")}
            </Button>
          ) : null}
          {counts.failed > 0 && run.status !== "RUNNING" ? (
            <Button size="sm" onClick={control(controls.retryFailed)} disabled={isPending}>
              {t("retryFailed", { count: counts.failed })}
            </Button>
          ) : null}
        </div>
      </div>
      <div
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={figures.percent}
        aria-valuetext={t("progressValue", { percent: figures.percent / 100, done: figures.done, failed: figures.failed, remaining: figures.remaining })}
        className="flex h-3 overflow-hidden rounded-full bg-surface-muted"
      >
        <div className="bg-accent" style={{ width: `${counts.total ? (figures.done / counts.total) * 100 : 0}%` }} />
        <div className="bg-danger" style={{ width: `${counts.total ? (figures.failed / counts.total) * 100 : 0}%` }} />
      </div>
      <p className="text-sm" data-testid="run-figures">
        <strong>{format.number(figures.percent / 100, { style: "percent", maximumFractionDigits: 1 })}</strong> · {pieces.join(" · ")}
      </p>
      {error ? (
        <Alert tone="error" testId={`run-error-${run.id}`}>
          {error}
        </Alert>
      ) : null}
      {run.failures.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">{t("failures", { count: counts.failed })}</summary>
          <ul className="mt-2 space-y-1 text-xs" data-testid="run-failures">
            {run.failures.map((failure) => (
              <li key={failure.taskId} className="break-words">
                {t.rich("failure", {
                  endpoint: failure.endpointName,
                  sample: failure.sampleIndex + 1,
                  attempts: failure.attempts,
                  reason: failure.reason,
                  strong: (chunks) => <span className="font-medium">{chunks}</span>,
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
