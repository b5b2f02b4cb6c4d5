// Generation throughput against the test suite's fake OpenAI server with a fixed latency L and an
// endpoint concurrency C: the ideal is C / L candidates per second (the server answering in exactly L,
// C requests always in flight). Printed as a ratio of that ideal (aim: 0.9 or better), measured end to
// end: run start (task rows written) to run completed (every candidate stored).
// "store" is the cost of the batched writes per candidate (each write's time over the candidates it
// stored); "per task ... store" is a task's wait from its answer to its commit (its batch included).
// Run: npm run bench:generation   (LATENCY_MS=200 CONCURRENCY=16 TASKS=1000 WORKERS=2 npm run bench:generation)
//
// Worker scaling: WORKERS=1,2,3 runs the same run once per count with that many worker *processes*
// (scripts/worker.ts, as deployed, each with PER_WORKER requests in flight at most) against an endpoint
// of CONCURRENCY, and prints each throughput and its ratio to the one-worker run of the same invocation:
//   WORKERS=1,2,3 CONCURRENCY=64 PER_WORKER=24 npm run bench:generation
// Throughput should grow with workers until the endpoint's limit binds (here 3 x 24 > 64).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cloneDatabase, startTestPostgres } from "../tests/support/test-postgres";
import { startFakeOpenAiServer } from "../tests/support/fake-openai-server";
import { emptyWorkerTimings, enterBenchDatabase, waitForRunEnd } from "./worker-runs";

const latencyMs = Number(process.env.LATENCY_MS ?? 500);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const tasks = Number(process.env.TASKS ?? 640);
const workerCounts = String(process.env.WORKERS ?? "1").split(",").map(Number);
const workers = workerCounts[0] ?? 1;

async function main() {
  if (workerCounts.length > 1) return scaling();
  const database = await startTestPostgres();
  const server = await startFakeOpenAiServer({ latencyMs });
  try {
    await enterBenchDatabase(database, "bench_generation");
    const { systemActor } = await import("../server/authz/actor");
    const { getDb } = await import("../server/db/client");
    const { startRun } = await import("../server/services/generation/start-run");
    const { runWorker } = await import("../server/generation/worker");
    const { makeEndpoint, makePromptSetWithPrompts } = await import("../tests/support/generation-factories");

    const set = await makePromptSetWithPrompts(tasks, { label: "bench" });
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: concurrency, timeoutMs: 30_000 });
    // Workers in this process, each with its own claim loop: they coordinate only through Postgres.
    const controller = new AbortController();
    const timings = emptyWorkerTimings();
    const running = Array.from({ length: workers }, () => runWorker({ signal: controller.signal, pollMs: 200, timings }));

    const started = performance.now();
    const { runId } = await startRun({ actor: systemActor("bench"), promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    await waitForRunEnd(runId);
    const seconds = (performance.now() - started) / 1000;
    controller.abort();
    await Promise.all(running);

    const stored = await getDb().candidate.count({ where: { generationTask: { runId } } });
    const throughput = stored / seconds;
    const ideal = concurrency / (latencyMs / 1000);
    console.log(`generation: ${stored}/${tasks} candidates, latency ${latencyMs} ms, endpoint concurrency ${concurrency}, ${workers} worker(s)`);
    console.log(`  measured   ${throughput.toFixed(1)} candidates/s  (${seconds.toFixed(2)} s)`);
    console.log(`  ideal C/L  ${ideal.toFixed(1)} candidates/s`);
    console.log(`  ratio      ${(throughput / ideal).toFixed(3)}  (aim: >= 0.97)`);
    console.log(`  most requests in flight at the server: ${server.maxInFlight} (limit ${concurrency})`);
    const avg = (ms: number, n: number) => (n ? (ms / n).toFixed(1) : "-");
    console.log(`  worker overhead: ${(100 * (1 - throughput / ideal)).toFixed(1)} % of the ideal (aim: < 3 %)`);
    console.log(`  per task: load ${avg(timings.loadMs, timings.tasks)} ms, request ${avg(timings.callMs, timings.tasks)} ms, store ${avg(timings.storeMs, timings.tasks)} ms; per claim round ${avg(timings.claimMs, timings.claims)} ms (${timings.claims} rounds)`);
    console.log(`  store: ${avg(timings.batchMs, timings.batched)} ms per candidate (${timings.batches} batched writes of ${avg(timings.batched, timings.batches)} candidates, ${avg(timings.batchMs, timings.batches)} ms each; aim < 2 ms per candidate)`);
    await getDb().$disconnect();
  } finally {
    await server.close();
    await database.stop();
  }
}

/** One run per worker count, each over worker processes of its own; ratios against the first count. */
async function scaling() {
  const perWorker = Number(process.env.PER_WORKER ?? 24);
  const scalingTasks = Number(process.env.TASKS ?? 960);
  const database = await startTestPostgres();
  const rows: { workers: number; throughput: number; seconds: number; maxInFlight: number }[] = [];
  try {
    for (const count of workerCounts) {
      const server = await startFakeOpenAiServer({ latencyMs });
      const databaseUrl = await cloneDatabase(database, `bench_scaling_${count}`);
      const encryptionKey = randomBytes(32).toString("base64");
      // A child process per count: the database client reads DATABASE_URL once per process.
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/generation.ts"], {
        env: { ...process.env, BENCH_SCALING_CHILD: "1", DATABASE_URL: databaseUrl, ARBITER_ENCRYPTION_KEY: encryptionKey, BENCH_FAKE_URL: server.baseUrl, WORKERS: String(count), PER_WORKER: String(perWorker), TASKS: String(scalingTasks) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      await server.close();
      const result = /SCALING (\{.*\})/.exec(output)?.[1];
      if (code !== 0 || !result) throw new Error(`the ${count}-worker run failed (exit ${code}):\n${output.slice(-3000)}`);
      const parsed = JSON.parse(result) as { stored: number; seconds: number };
      rows.push({ workers: count, throughput: parsed.stored / parsed.seconds, seconds: parsed.seconds, maxInFlight: server.maxInFlight });
    }
  } finally {
    await database.stop();
  }
  const base = rows[0]!.throughput;
  console.log(`generation scaling: ${scalingTasks} tasks, latency ${latencyMs} ms, endpoint concurrency ${concurrency}, ${perWorker} in flight per worker process`);
  for (const row of rows) {
    const ideal = Math.min(concurrency, row.workers * perWorker) / (latencyMs / 1000);
    console.log(
      `  ${row.workers} worker(s): ${row.throughput.toFixed(1).padStart(7)} candidates/s (${row.seconds.toFixed(2)} s)  ratio to ${rows[0]!.workers} worker(s) ${(row.throughput / base).toFixed(2)}  ` +
        `(ideal ${(ideal / (Math.min(concurrency, rows[0]!.workers * perWorker) / (latencyMs / 1000))).toFixed(2)}; ${(row.throughput / ideal).toFixed(3)} of min(C, workers x per-worker)/L); most in flight at the server ${row.maxInFlight}`,
    );
  }
}

/** The measuring side of `scaling`: starts the worker processes, then the run, and times it. */
async function scalingChild() {
  const { systemActor } = await import("../server/authz/actor");
  const { getDb } = await import("../server/db/client");
  const { startRun } = await import("../server/services/generation/start-run");
  const { makeEndpoint, makePromptSetWithPrompts } = await import("../tests/support/generation-factories");
  const set = await makePromptSetWithPrompts(tasks, { label: "bench" });
  const endpoint = await makeEndpoint(process.env.BENCH_FAKE_URL!, { maxConcurrency: concurrency, timeoutMs: 30_000 });
  const children: ChildProcess[] = [];
  try {
    await Promise.all(
      Array.from({ length: workers }, () => {
        const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
          env: { ...process.env, ARBITER_WORKER_CONCURRENCY: process.env.PER_WORKER, ARBITER_LOG_LEVEL: "warn" },
          stdio: ["ignore", "pipe", "inherit"],
        });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          let seen = "";
          child.stdout!.on("data", (chunk: Buffer) => {
            seen += chunk.toString();
            if (/Generation worker \d+ started/.test(seen)) resolve();
          });
          child.once("exit", (code) => reject(new Error(`a worker exited with ${code} before it started`)));
        });
      }),
    );
    const started = performance.now();
    const { runId } = await startRun({ actor: systemActor("bench"), promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    await waitForRunEnd(runId);
    const seconds = (performance.now() - started) / 1000;
    const stored = await getDb().candidate.count({ where: { generationTask: { runId } } });
    console.log(`SCALING ${JSON.stringify({ stored, seconds })}`);
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((resolve) => child.once("exit", resolve)))));
    await getDb().$disconnect();
  }
}

if (process.env.BENCH_SCALING_CHILD) {
  scalingChild().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
