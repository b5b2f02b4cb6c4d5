import "server-only";
import type { Actor } from "../../authz/actor";
import { AppError } from "../../errors";
import { changeRun } from "./change-run";

/** Queues a run's failed tasks again with a fresh attempt budget. */
export function retryFailedTasks(options: { actor: Actor; runId: string }) {
  return changeRun(options, "retry generation", "generation.retry_failed", async (tx, run) => {
    const { count } = await tx.generationTask.updateMany({ where: { runId: run.id, status: "FAILED" }, data: { status: "PENDING", attempts: 0, nextAttemptAt: null, lastError: null } });
    if (count === 0) throw new AppError("CONFLICT", { key: "generation.nothingToRetry" });
    if (run.status !== "RUNNING") await tx.generationRun.update({ where: { id: run.id }, data: { status: "RUNNING", finishedAt: null, error: null } });
    return count;
  });
}
