import "server-only";
import type { Actor } from "../../authz/actor";
import { AppError } from "../../errors";
import { changeRun } from "./change-run";

/** Picks a cancelled run up where it stopped: its cancelled tasks are queued again (no task is added). */
export function resumeRun(options: { actor: Actor; runId: string }) {
  return changeRun(options, "resume generation", "generation.resume", async (tx, run) => {
    if (run.status !== "CANCELLED" && run.status !== "FAILED") throw new AppError("CONFLICT", { key: "generation.notResumable", params: { status: run.status } });
    const { count } = await tx.generationTask.updateMany({ where: { runId: run.id, status: "CANCELLED" }, data: { status: "PENDING", nextAttemptAt: null } });
    await tx.generationRun.update({ where: { id: run.id }, data: { status: "RUNNING", finishedAt: null, error: null } });
    return count;
  });
}
