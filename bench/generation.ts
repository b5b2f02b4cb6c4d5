// Generation throughput against the test suite's fake OpenAI server with a fixed latency L and an
// endpoint concurrency C: the ideal is C / L candidates per second (the server answering in exactly L,
// C requests always in flight). Printed as a ratio of that ideal (aim: 0.9 or better), measured end to
// end: run start (task rows written) to run completed (every candidate stored).
// "store" is the cost of the batched writes per candidate (each write's time over the candidates it
// stored); "per task ... store" is a task's wait from its answer to its commit (its batch included).
// Run: npm run bench:generation   (LATENCY_MS=200 CONCURRENCY=16 TASKS=1000 WORKERS=2 npm run bench:generation)
import { randomBytes } from "node:crypto";
import { cloneDatabase, startTestPostgres } from "../tests/support/test-postgres";
import { startFakeOpenAiServer } from "../tests/support/fake-openai-server";

const latencyMs = Number(process.env.LATENCY_MS ?? 500);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const tasks = Number(process.env.TASKS ?? 640);
const workers = Number(process.env.WORKERS ?? 1);

async function main() {
  const database = await startTestPostgres();
  const server = await startFakeOpenAiServer({ latencyMs });
  try {
    process.env.DATABASE_URL = await cloneDatabase(database, "bench_generation");
    process.env.ARBITER_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    // As scripts/worker.ts sets it for a worker process.
    process.env.DATABASE_POOL_SIZE ??= "24";
    const { systemActor } = await import("../server/authz/actor");
    const { getDb } = await import("../server/db/client");
    const { startRun } = await import("../server/services/generation/start-run");
    const { runWorker } = await import("../server/generation/worker");
    const { makeEndpoint, makePromptSetWithPrompts } = await import("../tests/support/generation-factories");

    const set = await makePromptSetWithPrompts(tasks, { label: "bench" });
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: concurrency, timeoutMs: 30_000 });
    // Workers in this process, each with its own claim loop: they coordinate only through Postgres.
    const controller = new AbortController();
    const timings = { claims: 0, claimMs: 0, tasks: 0, loadMs: 0, callMs: 0, storeMs: 0, batches: 0, batchMs: 0, batched: 0 };
    const running = Array.from({ length: workers }, () => runWorker({ signal: controller.signal, pollMs: 200, timings }));

    const started = performance.now();
    const { runId } = await startRun({ actor: systemActor("bench"), promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    for (;;) {
      const run = await getDb().generationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
      if (run.status !== "RUNNING") break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
