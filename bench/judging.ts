// Judging throughput against the test suite's fake OpenAI server in judge mode, with a fixed latency L
// and an endpoint concurrency C: the ideal is C / L judge replies per second. Printed as a ratio of
// that ideal (as bench:generation does), measured end to end: run start (task rows written) to run
// completed (every reply parsed and stored, every pair's verdict written). Judge tasks do not hand their
// slot over in the completing transaction (generation tasks do), so the gap to bench:generation's
// ratio is the cost of that and of the pair-verdict step.
// Run: npm run bench:judging   (LATENCY_MS=200 CONCURRENCY=16 PROMPTS=320 WORKERS=2 npm run bench:judging)
import { startTestPostgres } from "../tests/support/test-postgres";
import { judgeMode, startFakeOpenAiServer } from "../tests/support/fake-openai-server";
import { emptyWorkerTimings, enterBenchDatabase, waitForRunEnd } from "./worker-runs";

const latencyMs = Number(process.env.LATENCY_MS ?? 500);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const prompts = Number(process.env.PROMPTS ?? 320);
const workers = Number(process.env.WORKERS ?? 1);

async function main() {
  const database = await startTestPostgres();
  const server = await startFakeOpenAiServer({ latencyMs, reply: judgeMode.fixed((a) => (a.startsWith("good") ? "a" : "b")) });
  try {
    await enterBenchDatabase(database, "bench_judging");
    const { systemActor } = await import("../server/authz/actor");
    const { getDb } = await import("../server/db/client");
    const { createJudge } = await import("../server/services/judges/create-judge");
    const { startJudgeRun } = await import("../server/services/judges/start-judge-run");
    const { runWorker } = await import("../server/generation/worker");
    const { makeEndpoint, makePromptSetWithPrompts } = await import("../tests/support/generation-factories");

    // Two candidates per prompt: one pair, judged in both orders = 2 tasks per prompt.
    const set = await makePromptSetWithPrompts(prompts, { label: "bench judging" });
    const rows = set.promptIds.flatMap((promptId) => [
      { promptId, content: `good answer to ${promptId}`, source: "SAMPLE" as const },
      { promptId, content: `bad answer to ${promptId}`, source: "SAMPLE" as const },
    ]);
    await getDb().candidate.createMany({ data: rows });
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: concurrency, timeoutMs: 30_000 });
    const actor = systemActor("bench");
    const { judgeId } = await createJudge({ actor, input: { name: "bench judge", kind: "PAIRWISE", endpointId: endpoint.id } });
    const controller = new AbortController();
    const timings = emptyWorkerTimings();
    const running = Array.from({ length: workers }, () => runWorker({ signal: controller.signal, pollMs: 200, timings }));

    const started = performance.now();
    const { runId, taskCount } = await startJudgeRun({ actor, promptSetId: set.id, input: { judgeId } });
    await waitForRunEnd(runId);
    const seconds = (performance.now() - started) / 1000;
    controller.abort();
    await Promise.all(running);

    const replies = await getDb().judgeOutput.count({ where: { runId } });
    const verdicts = await getDb().judgment.count({ where: { judgeRunId: runId } });
    const throughput = replies / seconds;
    const ideal = concurrency / (latencyMs / 1000);
    console.log(`judging: ${replies}/${taskCount} replies, ${verdicts} pair verdicts, latency ${latencyMs} ms, endpoint concurrency ${concurrency}, ${workers} worker(s)`);
    console.log(`  measured   ${throughput.toFixed(1)} replies/s  (${seconds.toFixed(2)} s)`);
    console.log(`  ideal C/L  ${ideal.toFixed(1)} replies/s`);
    console.log(`  ratio      ${(throughput / ideal).toFixed(3)}  (aim: >= 0.9)`);
    console.log(`  most requests in flight at the server: ${server.maxInFlight} (limit ${concurrency})`);
    const avg = (ms: number, n: number) => (n ? (ms / n).toFixed(1) : "-");
    console.log(`  per task: load ${avg(timings.loadMs, timings.tasks)} ms, request ${avg(timings.callMs, timings.tasks)} ms, store ${avg(timings.storeMs, timings.tasks)} ms; per claim round ${avg(timings.claimMs, timings.claims)} ms (${timings.claims} rounds)`);
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
