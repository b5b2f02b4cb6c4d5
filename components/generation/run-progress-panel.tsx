"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { fetchApi } from "@/components/query/fetch-api";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatEta } from "@/lib/generation/progress";
import type { RunControlAction, RunProgressData } from "./types";

const statusTone: Record<string, BadgeTone> = { RUNNING: "accent", QUEUED: "neutral", COMPLETED: "success", CANCELLED: "warning", FAILED: "danger" };

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

  const error = actionError ?? (progress.error ? `Progress could not be read: ${progress.error.message}` : null);
  const { figures, counts } = run;
  return (
    <Card className="space-y-3" data-testid={`run-${run.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={statusTone[run.status] ?? "neutral"} data-testid="run-status">
            {run.status.toLowerCase()}
          </Badge>
          <span className="text-muted-foreground">
            {run.endpoints.join(", ")} · N = {run.candidatesPerModel}
            {run.spreadAcrossModels ? " spread across models" : " per model"} · started {new Date(run.createdAt).toLocaleString()}
          </span>
        </div>
        <div className="flex gap-2">
          {run.status === "RUNNING" ? (
            <Button size="sm" variant="danger" onClick={control(controls.cancel)} disabled={isPending}>
              Cancel
            </Button>
          ) : null}
          {run.status === "CANCELLED" ? (
            <Button size="sm" onClick={control(controls.resume)} disabled={isPending}>
              Resume
            </Button>
          ) : null}
          {counts.failed > 0 && run.status !== "RUNNING" ? (
            <Button size="sm" onClick={control(controls.retryFailed)} disabled={isPending}>
              Retry failed ({counts.failed})
            </Button>
          ) : null}
        </div>
      </div>
      <div
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={figures.percent}
        aria-valuetext={`${figures.percent}%: ${figures.done} done, ${figures.failed} failed, ${figures.remaining} remaining`}
        className="flex h-3 overflow-hidden rounded-full bg-surface-muted"
      >
        <div className="bg-accent" style={{ width: `${counts.total ? (figures.done / counts.total) * 100 : 0}%` }} />
        <div className="bg-danger" style={{ width: `${counts.total ? (figures.failed / counts.total) * 100 : 0}%` }} />
      </div>
      <p className="text-sm" data-testid="run-figures">
        <strong>{figures.percent}%</strong> · {figures.done} done · {figures.failed} failed · {figures.remaining} remaining
        {counts.cancelled ? ` · ${counts.cancelled} cancelled` : ""}
        {run.status === "RUNNING" ? ` · ${figures.throughput ? `${figures.throughput.toFixed(1)}/s` : "–/s"} · ${formatEta(figures.etaSeconds)} left` : ""}
        {run.tokens.prompt + run.tokens.completion > 0 ? ` · tokens ${run.tokens.prompt} in / ${run.tokens.completion} out` : ""}
      </p>
      {error ? (
        <Alert tone="error" testId={`run-error-${run.id}`}>
          {error}
        </Alert>
      ) : null}
      {run.failures.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Failures ({counts.failed})</summary>
          <ul className="mt-2 space-y-1 text-xs" data-testid="run-failures">
            {run.failures.map((failure) => (
              <li key={failure.taskId} className="break-words">
                <span className="font-medium">{failure.endpointName}</span>, sample {failure.sampleIndex + 1}, after {failure.attempts} attempt{failure.attempts === 1 ? "" : "s"}: {failure.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
