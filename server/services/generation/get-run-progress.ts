import "server-only";
import type { RunProgress } from "@/lib/generation/contracts";
import { progressFigures, type RunCounts } from "@/lib/generation/progress";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";

const THROUGHPUT_WINDOW_MS = 30_000;

/** Everything the progress panel shows, in a few indexed queries: polled every second while a run is open. */
export async function getRunProgress({ actor, runId, failureLimit = 50 }: { actor: Actor; runId: string; failureLimit?: number }): Promise<RunProgress> {
  requirePermission(actor, canManageEndpoints, "see generation runs");
  requireId(runId, "generation run");
  const db = getDb();
  const run = await db.generationRun.findUnique({
    where: { id: runId },
    select: { id: true, promptSetId: true, status: true, createdAt: true, startedAt: true, finishedAt: true, candidatesPerModel: true, spreadAcrossModels: true, endpoints: { select: { endpoint: { select: { name: true } } } } },
  });
  if (!run) throw new AppError("NOT_FOUND", { key: "generation.noSuchRun" });
  const [grouped, recent, failures, candidateTokens, judgeTokens] = await Promise.all([
    db.generationTask.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } }),
    db.generationTask.count({ where: { runId, status: "SUCCEEDED", updatedAt: { gte: new Date(Date.now() - THROUGHPUT_WINDOW_MS) } } }),
    db.generationTask.findMany({
      where: { runId, status: "FAILED" },
      select: { id: true, promptId: true, sampleIndex: true, attempts: true, lastError: true, endpoint: { select: { name: true } } },
      orderBy: { updatedAt: "desc" },
      take: failureLimit,
    }),
    db.candidate.aggregate({ where: { generationTask: { runId } }, _sum: { promptTokens: true, completionTokens: true } }),
    db.judgeOutput.aggregate({ where: { runId }, _sum: { promptTokens: true, completionTokens: true } }),
  ]);
  const by = (status: string) => grouped.find((group) => group.status === status)?._count._all ?? 0;
  const counts: RunCounts = { succeeded: by("SUCCEEDED"), failed: by("FAILED"), running: by("RUNNING"), pending: by("PENDING"), cancelled: by("CANCELLED"), total: grouped.reduce((sum, group) => sum + group._count._all, 0) };
  const elapsed = run.startedAt ? (run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime() : 0;
  return {
    id: run.id,
    promptSetId: run.promptSetId,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    candidatesPerModel: run.candidatesPerModel,
    spreadAcrossModels: run.spreadAcrossModels,
    endpoints: run.endpoints.map((e) => e.endpoint.name),
    counts,
    figures: progressFigures(counts, run.status === "RUNNING" ? recent : 0, THROUGHPUT_WINDOW_MS, elapsed),
    tokens: {
      prompt: (candidateTokens._sum.promptTokens ?? 0) + (judgeTokens._sum.promptTokens ?? 0),
      completion: (candidateTokens._sum.completionTokens ?? 0) + (judgeTokens._sum.completionTokens ?? 0),
    },
    failures: failures.map((f) => ({ taskId: f.id, promptId: f.promptId, endpointName: f.endpoint.name, sampleIndex: f.sampleIndex, attempts: f.attempts, reason: f.lastError ?? "unknown" })),
  };
}
