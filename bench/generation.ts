// Generation throughput against the test suite's fake OpenAI server with a fixed latency L and an
// endpoint concurrency C. The workers are separate processes running scripts/worker.ts, as deployed
// (not loops inside the bench), coordinating only through Postgres. The ideal is
// min(C, workers x per-worker) / L candidates per second (the server answering in exactly L, that many
// requests always in flight), measured end to end: run start (task rows written) to run completed
// (every candidate stored).
//
//   C=64 L=100 WORKERS=2 npm run bench:generation          one run with two worker processes
//   C=64 L=100 WORKERS=1,2,3 PER_WORKER=24 npm run bench:generation
//                                                          one run per count; ratios to the first count
//
// Settings (env): C (or CONCURRENCY, default 16) the endpoint's maxConcurrency; L (or LATENCY_MS,
// default 500) the server's latency; WORKERS a count or a list of counts (default 1); PER_WORKER each
// worker's ARBITER_WORKER_CONCURRENCY (default 64, the deployed default; 24 with a list of counts, so
// that one worker alone cannot fill an endpoint of C=64 and the scaling shows); TASKS (default about
// 8 s of work at the ideal, at least 640); POLL_MS the workers' idle poll (default 50: with the
// deployed 500 ms, the first claim of a run can wait up to half a second, which is start-up delay and
// not throughput); CPU_PROF=<dir> writes each worker's V8 CPU profile there.
//
// Printed per run: ideal, achieved, ratio (aim >= 0.97 at C=64, L=100 ms, two workers), the most
// requests the server saw in flight, and from the workers' own counters: "store" per candidate (each
// batched write's time over the candidates it stored; aim < 2 ms), a task's wait from its answer to its
// commit (off the slot's path), the slot's hand-over (answer to the next task claimed, on it), the claim
// rounds.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync, closeSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import type { WorkerTimings } from "../server/generation/worker";
import { cloneDatabase, startTestPostgres } from "../tests/support/test-postgres";
import { startFakeOpenAiServer } from "../tests/support/fake-openai-server";
import { postgresServerCpuMs } from "./proc-stat";
import { emptyWorkerTimings, waitForRunEnd } from "./worker-runs";

const env = process.env;
const latencyMs = Number(env.L ?? env.LATENCY_MS ?? 500);
const concurrency = Number(env.C ?? env.CONCURRENCY ?? 16);
const workerCounts = String(env.WORKERS ?? "1").split(",").map(Number);
const isScaling = workerCounts.length > 1;
const perWorker = Number(env.PER_WORKER ?? (isScaling ? 24 : 64));
const pollMs = Number(env.POLL_MS ?? 50);
const idealFor = (workers: number) => Math.min(concurrency, workers * perWorker) / (latencyMs / 1000);
const tasks = Number(env.TASKS ?? Math.max(640, Math.round(idealFor(Math.max(...workerCounts)) * 8)));

for (const [name, value] of Object.entries({ latencyMs, concurrency, perWorker, pollMs, tasks })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench:generation: ${name} must be a positive whole number, got ${value}`);
}
if (workerCounts.some((count) => !Number.isInteger(count) || count < 1)) throw new Error(`bench:generation: WORKERS must be a count or a list of counts (1,2,3), got "${env.WORKERS}"`);

type Counters = WorkerTimings & { cpuMs: number };
/** serverCpuMs: this process's CPU (the fake model server, mostly) per request it served, warm-up included. */
type RunResult = {
  workers: number;
  stored: number;
  seconds: number;
  maxInFlight: number;
  serverCpuMs: number;
  /** The Postgres server's CPU over the measured run (all its processes; null off Linux). */
  postgresCpuMs: number | null;
  timings: Counters;
  failed: { reason: string | null; tasks: number }[];
  /** The workers' log lines at warn or above (a lost lease, a failed write), counted by message. */
  warnings: { msg: string; lines: number }[];
};

async function main() {
  const database = await startTestPostgres();
  const rows: RunResult[] = [];
  try {
    for (const count of workerCounts) {
      const server = await startFakeOpenAiServer({ latencyMs });
      try {
        // A database and a measuring process per count: the database client reads DATABASE_URL once per process.
        const databaseUrl = await cloneDatabase(database, `bench_generation_${count}`);
        const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/generation.ts"], {
          env: { ...env, BENCH_GENERATION_CHILD: "1", DATABASE_URL: databaseUrl, ARBITER_ENCRYPTION_KEY: randomBytes(32).toString("base64"), BENCH_FAKE_URL: server.baseUrl, BENCH_WORKERS: String(count) },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let output = "";
        child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
        // This process does little but serve the fake model server while the child runs.
        const cpuBefore = process.cpuUsage();
        const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
        const cpu = process.cpuUsage(cpuBefore);
        const result = /BENCH_RESULT (\{.*\})/.exec(output)?.[1];
        if (code !== 0 || !result) throw new Error(`the ${count}-worker run failed (exit ${code}):\n${output.slice(-3000)}`);
        rows.push({ ...(JSON.parse(result) as Omit<RunResult, "maxInFlight" | "serverCpuMs">), maxInFlight: server.maxInFlight, serverCpuMs: (cpu.user + cpu.system) / 1000 / server.requests.length });
      } finally {
        await server.close();
      }
    }
  } finally {
    await database.stop();
  }
  const avg = (ms: number, n: number) => (n ? (ms / n).toFixed(2) : "-");
  console.log(`generation: ${tasks} tasks, latency L ${latencyMs} ms, endpoint concurrency C ${concurrency}, ${perWorker} in flight at most per worker process, idle poll ${pollMs} ms`);
  for (const row of rows) {
    const ideal = idealFor(row.workers);
    const throughput = row.stored / row.seconds;
    const t = row.timings;
    console.log(`${row.workers} worker process(es): ${row.stored}/${tasks} candidates in ${row.seconds.toFixed(2)} s`);
    for (const { reason, tasks: count } of row.failed) console.log(`  failed after its retries: ${count} task(s): ${reason ?? "(no reason recorded)"}`);
    for (const { msg, lines } of row.warnings) console.log(`  worker warning x${lines}: ${msg}`);
    console.log(`  ideal min(C, workers x per-worker)/L  ${ideal.toFixed(1)} candidates/s`);
    console.log(`  achieved                             ${throughput.toFixed(1)} candidates/s`);
    console.log(`  ratio                                ${(throughput / ideal).toFixed(3)}  (aim >= 0.97; overhead ${(100 * (1 - throughput / ideal)).toFixed(1)} % of the ideal)`);
    console.log(`  most requests in flight at the server: ${row.maxInFlight} (endpoint limit ${concurrency})`);
    console.log(`  store: ${avg(t.batchMs, t.batched)} ms per candidate (${t.batches} batched writes of ${avg(t.batched, t.batches)} candidates, ${avg(t.batchMs, t.batches)} ms each; aim < 2 ms per candidate)`);
    const postgres = row.postgresCpuMs === null ? "-" : (row.postgresCpuMs / row.stored).toFixed(2);
    console.log(`  CPU per candidate: workers ${(t.cpuMs / row.stored).toFixed(2)} ms (after the warm-up run), fake model server ${row.serverCpuMs.toFixed(2)} ms a request, Postgres ${postgres} ms; budget at the ideal on ${availableParallelism()} cores: ${((1000 * availableParallelism()) / ideal).toFixed(2)} ms for everything`);
    console.log(`  per task: load ${avg(t.loadMs, t.tasks)} ms, request ${avg(t.callMs, t.tasks)} ms, answer to commit ${avg(t.storeMs, t.tasks)} ms; claim rounds ${t.claims} of ${avg(t.claimMs, t.claims)} ms`);
    console.log(`  slot hand-over: answer to the next task's claim ${avg(t.handOverMs, t.handOvers)} ms (the slot's idle time; ${t.handedNext} of ${t.handOvers} answers got a next task; ${t.handOverWrites} hand-over statements of ${avg(t.handOverWriteMs, t.handOverWrites)} ms)`);
  }
  if (isScaling) {
    const base = rows[0]!;
    const baseThroughput = base.stored / base.seconds;
    console.log(`scaling (throughput of n workers / ${base.workers} worker(s); expected from the ideal in brackets):`);
    for (const row of rows) {
      console.log(`  ${row.workers}: ${((row.stored / row.seconds) / baseThroughput).toFixed(2)}  [${(idealFor(row.workers) / idealFor(base.workers)).toFixed(2)}]`);
    }
  }
}

/** CPU time (ms) used so far by the bench's Postgres server (bench/proc-stat.ts); null off Linux. */
async function postgresCpuMs(): Promise<number | null> {
  const { getPgPool } = await import("../server/db/pg-pool");
  const { rows } = await getPgPool().query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return postgresServerCpuMs(rows[0]!.pid) ?? null;
}

async function waitForFile(file: string): Promise<string> {
  for (let tries = 0; tries < 500; tries++) {
    const text = await readFile(file, "utf8").catch(() => null);
    if (text) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${file} was not written within 10 s`);
}

/** The measuring side of one run: starts the worker processes, then the run, times it, and collects the workers' counters. */
async function measureChild() {
  const workers = Number(env.BENCH_WORKERS);
  const { systemActor } = await import("../server/authz/actor");
  const { getDb } = await import("../server/db/client");
  const { startRun } = await import("../server/services/generation/start-run");
  const { makeEndpoint, makePromptSetWithPrompts } = await import("../tests/support/generation-factories");
  const set = await makePromptSetWithPrompts(tasks, { label: "bench" });
  const endpoint = await makeEndpoint(env.BENCH_FAKE_URL!, { maxConcurrency: concurrency, timeoutMs: 30_000 });
  const timingsDir = await mkdtemp(path.join(tmpdir(), "arbiter-bench-generation-"));
  const timingsFile = (index: number) => path.join(timingsDir, `worker-${index}.json`);
  // Each worker's JSON log lines go to a file (not through this process); warnings and errors are summarised.
  const logFile = (index: number) => path.join(timingsDir, `worker-${index}.log`);
  const children: ChildProcess[] = [];
  try {
    await Promise.all(
      Array.from({ length: workers }, (_, index) => {
        // CPU_PROF=<dir>: each worker writes a V8 CPU profile there (open it in Chrome's DevTools).
        const profile = env.CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(env.CPU_PROF)}`] : [];
        const logFd = openSync(logFile(index), "a");
        const child = spawn(process.execPath, [...profile, "--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
          env: {
            ...env,
            ARBITER_WORKER_CONCURRENCY: String(perWorker),
            ARBITER_WORKER_POLL_MS: String(pollMs),
            ARBITER_WORKER_TIMINGS_FILE: timingsFile(index),
          },
          // Their JSON log lines (one per task, at the deployed level) go to a file.
          stdio: ["ignore", logFd, "inherit", "ipc"],
        });
        closeSync(logFd);
        children.push(child);
        // scripts/worker.ts says { ready: true } over IPC once it is about to take work.
        return new Promise<void>((resolve, reject) => {
          child.once("message", () => resolve());
          child.once("exit", (code) => reject(new Error(`a worker exited with ${code} before it started`)));
        });
      }),
    );
    // A warm-up run first: deployed workers are long-lived, and a fresh process spends its first second or
    // two of CPU loading the database client's query compiler and the HTTP client. The counters are read
    // after it (SIGUSR2) and subtracted.
    const warmup = await makePromptSetWithPrompts(workers * perWorker * 2, { label: "bench warm-up" });
    const warm = await startRun({ actor: systemActor("bench"), promptSetId: warmup.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    await waitForRunEnd(warm.runId);
    for (const child of children) child.kill("SIGUSR2");
    const baselines = await Promise.all(
      children.map((_, index) => waitForFile(`${timingsFile(index)}.snapshot`).then((text) => JSON.parse(text) as Counters)),
    );
    const postgresBefore = await postgresCpuMs();
    const started = performance.now();
    const { runId } = await startRun({ actor: systemActor("bench"), promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    await waitForRunEnd(runId);
    const seconds = (performance.now() - started) / 1000;
    const postgresAfter = await postgresCpuMs();
    const stored = await getDb().candidate.count({ where: { generationTask: { runId } } });
    // A task that did not store is a failed one (its retries spent), never a silent loss: say why.
    const failed = await getDb().generationTask.groupBy({ by: ["lastError"], where: { runId, status: "FAILED" }, _count: true });
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((resolve) => child.once("exit", resolve)))));
    const timings: Counters = { ...emptyWorkerTimings(), cpuMs: 0 };
    for (let index = 0; index < workers; index++) {
      const one = JSON.parse(await readFile(timingsFile(index), "utf8")) as Counters;
      for (const key of Object.keys(timings) as (keyof Counters)[]) timings[key] += one[key] - baselines[index]![key];
    }
    const warnings = new Map<string, number>();
    for (let index = 0; index < workers; index++) {
      for (const line of (await readFile(logFile(index), "utf8")).split("\n")) {
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line) as { level?: number | string; msg?: string };
        const level = typeof entry.level === "number" ? entry.level : ["warn", "error", "fatal"].includes(String(entry.level)) ? 40 : 30;
        // Task ids differ line to line: counted by the message with its ids masked.
        const msg = (entry.msg ?? "").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>");
        if (level >= 40) warnings.set(msg, (warnings.get(msg) ?? 0) + 1);
      }
    }
    console.log(
      `BENCH_RESULT ${JSON.stringify({
        workers,
        stored,
        seconds,
        postgresCpuMs: postgresBefore !== null && postgresAfter !== null ? postgresAfter - postgresBefore : null,
        timings,
        failed: failed.map((row) => ({ reason: row.lastError, tasks: row._count })),
        warnings: [...warnings]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10)
          .map(([msg, lines]) => ({ msg: msg.slice(0, 300), lines })),
      })}`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await rm(timingsDir, { recursive: true, force: true });
    await getDb().$disconnect();
  }
}

(env.BENCH_GENERATION_CHILD ? measureChild() : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
