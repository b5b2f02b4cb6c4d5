import "server-only";
import type { Actor } from "../../authz/actor";
import { AppError } from "../../errors";
import { changeRun } from "./change-run";

/** Stops a run: pending tasks are cancelled; requests already in flight finish and are kept. */
export function cancelRun(options: { actor: Actor; runId: string }) {
  return changeRun(options, "cancel generation", "generation.cancel", async (tx, run) => {
    if (run.status !== "RUNNING" && run.status !== "QUEUED") throw new AppError("CONFLICT", { key: "generation.notCancellable", params: { status: run.status } });
    await tx.generationRun.update({ where: { id: run.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
    const { count } = await tx.generationTask.updateMany({ where: { runId: run.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    return count;
  });
}
