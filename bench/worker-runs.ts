// What the generation and judging benches share: a database of their own with a worker process's
// settings, the worker's timing counters, and waiting for a run to finish.
import { randomBytes } from "node:crypto";
import { cloneDatabase, type TestDatabaseServer } from "../tests/support/test-postgres";

/** Points this process at a fresh copy of the bench database, set up as scripts/worker.ts sets a worker. */
export async function enterBenchDatabase(database: TestDatabaseServer, name: string): Promise<void> {
  process.env.DATABASE_URL = await cloneDatabase(database, name);
  process.env.ARBITER_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.DATABASE_POOL_SIZE ??= "24";
}

export { emptyWorkerTimings } from "../server/generation/worker";

/** Resolves once the run is no longer RUNNING (polled every 20 ms). Call after enterBenchDatabase. */
export async function waitForRunEnd(runId: string): Promise<void> {
  const { getDb } = await import("../server/db/client");
  for (;;) {
    const run = await getDb().generationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
    if (run.status !== "RUNNING") return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
