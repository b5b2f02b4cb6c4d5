import "server-only";
import { getDb } from "../db/client";
import { metric, metricsRegistry, redactedKeys } from "./core.mjs";
import { processLogger } from "./log";

// Every metric of the app and the worker, by name, in one place (README "Metrics"). Counters live in
// the process that counts (a worker's throughput is scraped from that worker, ARBITER_METRICS_PORT);
// queue depths are read from Postgres at scrape time, so any app instance reports the whole cluster's.

export const generationTasks = () =>
  metric("counter", { name: "arbiter_generation_tasks_total", help: "Generation tasks finished by this worker, by outcome (completed, retry, failed, abandoned)", labelNames: ["outcome"] });
export const generationTaskSeconds = () =>
  metric("histogram", { name: "arbiter_generation_task_seconds", help: "Generation tasks: model request and store, by outcome", labelNames: ["outcome"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
export const endpointErrors = () =>
  metric("counter", { name: "arbiter_endpoint_errors_total", help: "Failed model-server requests by HTTP status (none: no answer, timeout, refused connection)", labelNames: ["status"] });
export const exportJobs = () =>
  metric("counter", { name: "arbiter_export_jobs_total", help: "Exports this worker finished, by outcome", labelNames: ["outcome"] });

type TaskOutcome = "completed" | "retry" | "failed" | "abandoned";

// The task line is flat (ids, figures, a reason string), so redacting the listed keys at its top level
// is all the process logger's redaction could do to it. The logger's wildcard paths (`*.key`, `*.*.key`)
// cost about 140 us of CPU per line in @pinojs/redact against about 6 us for top-level paths: at a
// worker's hundreds of tasks a second that was several per cent of a core (bench:generation profile).
let taskLogger: ReturnType<typeof processLogger> | undefined;
const taskLog = () => (taskLogger ??= processLogger("worker").child({}, { redact: { paths: [...redactedKeys], censor: "[redacted]" } }));

/** One generation task's end: its metrics and its log line (ids and figures only, never the text). */
export function recordGenerationTask(task: { id: string; runId: string; endpointId: string; attempts: number }, outcome: TaskOutcome, seconds: number, failure?: { status: number | null; reason: string }) {
  generationTasks().inc({ outcome });
  generationTaskSeconds().observe({ outcome }, seconds);
  if (failure) endpointErrors().inc({ status: failure.status === null ? "none" : String(failure.status) });
  const line = { job: "generation-task", taskId: task.id, runId: task.runId, endpointId: task.endpointId, attempt: task.attempts, outcome, ms: Math.round(seconds * 1000), ...(failure ? { status: failure.status, reason: failure.reason.slice(0, 300) } : {}) };
  if (outcome === "completed") taskLog().info(line, "generation task");
  else taskLog().warn(line, "generation task");
}

/** The queue depths and pool gauges, read when scraped. Registered once per process. */
export function registerScrapeTimeMetrics(): void {
  const holder = globalThis as unknown as { arbiterScrapeMetrics?: boolean };
  if (holder.arbiterScrapeMetrics) return;
  holder.arbiterScrapeMetrics = true;
  // The generation queue of running runs, and the judges' share of it (their tasks are generation tasks of kind JUDGE).
  const taskQueue = (name: string, help: string, judgesOnly: boolean) =>
    metric("gauge", {
      name,
      help,
      labelNames: ["status"],
      async collect() {
        const rows = await getDb().$queryRaw<{ status: string; n: number }[]>`
          SELECT t.status::text AS status, count(*)::int AS n FROM generation_tasks t JOIN generation_runs r ON r.id = t.run_id
          WHERE r.status = 'RUNNING' AND t.status IN ('PENDING', 'RUNNING') AND (NOT ${judgesOnly} OR t.kind = 'JUDGE') GROUP BY t.status`;
        this.reset();
        for (const status of ["PENDING", "RUNNING"]) this.set({ status }, rows.find((row) => row.status === status)?.n ?? 0);
      },
    });
  taskQueue("arbiter_generation_tasks", "Generation tasks of running runs by status (PENDING: the queue; RUNNING: in flight)", false);
  taskQueue("arbiter_judge_tasks", "Of those, the model judges' tasks (kind JUDGE) by status (PENDING: the queue; RUNNING: in flight)", true);
  metric("gauge", {
    name: "arbiter_exports",
    help: "Exports queued or being built",
    labelNames: ["status"],
    async collect() {
      const rows = await getDb().$queryRaw<{ status: string; n: number }[]>`SELECT status::text AS status, count(*)::int AS n FROM exports WHERE status IN ('QUEUED', 'RUNNING') GROUP BY status`;
      this.reset();
      for (const status of ["QUEUED", "RUNNING"]) this.set({ status }, rows.find((row) => row.status === status)?.n ?? 0);
    },
  });
  metric("gauge", {
    name: "arbiter_annotation_leases_active",
    help: "Annotation assignments (judging leases) currently held",
    async collect() {
      const [row] = await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM assignments WHERE status = 'ACTIVE' AND expires_at > now()`;
      this.set(row?.n ?? 0);
    },
  });
  metric("gauge", {
    name: "arbiter_workers_alive",
    help: "Worker processes whose heartbeat is at most 30 s old",
    async collect() {
      const [row] = await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM worker_heartbeats WHERE beat_at > now() - interval '30 seconds'`;
      this.set(row?.n ?? 0);
    },
  });
  registerPoolMetrics();
}

/** Connections of this process's two pools: Prisma's (DATABASE_POOL_SIZE) and node-postgres's (DATABASE_PG_POOL_SIZE). */
export function registerPoolMetrics(): void {
  type Counts = { totalCount: number; idleCount: number; waitingCount: number };
  metric("gauge", {
    name: "arbiter_db_pool_connections",
    help: "Postgres connections of this process by pool (prisma: DATABASE_POOL_SIZE, pg: DATABASE_PG_POOL_SIZE): open, idle, and callers waiting for one",
    labelNames: ["pool", "state"],
    collect() {
      const holder = globalThis as unknown as { arbiterPrismaPool?: Counts; arbiterPgPool?: Counts };
      for (const [name, pool] of [
        ["prisma", holder.arbiterPrismaPool],
        ["pg", holder.arbiterPgPool],
      ] as const) {
        this.set({ pool: name, state: "total" }, pool?.totalCount ?? 0);
        this.set({ pool: name, state: "idle" }, pool?.idleCount ?? 0);
        this.set({ pool: name, state: "waiting" }, pool?.waitingCount ?? 0);
      }
    },
  });
}

/** The Prometheus text of this process's registry. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** One export build's end (whatever its outcome, read from its row): its metric and its log line. */
export async function recordExportJob(exportId: string, seconds: number): Promise<void> {
  const row = await getDb()
    .export.findUnique({ where: { id: exportId }, select: { status: true, format: true } })
    .catch(() => null);
  const outcome = row?.status.toLowerCase() ?? "unknown";
  exportJobs().inc({ outcome });
  processLogger("worker").info({ job: "export", exportId, format: row?.format, outcome, ms: Math.round(seconds * 1000) }, "export");
}
