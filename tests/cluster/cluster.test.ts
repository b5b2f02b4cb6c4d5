// Many machines on one: two app instances from one build (`scripts/serve.mjs`, what `npm run serve`
// runs) on two ports and three workers (`scripts/worker.ts`) on one Postgres, all sharing only the
// database and their configuration. Through both instances, simulated annotators judge a set to
// completion; a generation run goes over the workers against the fake model server; an export queued
// on one instance is built by a worker and downloaded from the other. Midway one instance and one worker
// are SIGKILLed; the rest must finish everything: exactly `overlap` judgments per prompt (none lost or
// doubled), exactly N candidates per prompt, the endpoint's concurrency limit held across workers.
// Then the survivors are stopped with SIGTERM and must exit cleanly within their grace period.
// Loopback only, every loop bounded; prints its figures.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { closeTestSide, downloadBuiltExport, openTestSide, ProcessGroup, queueExport, requireBuild, sharedEnv, status } from "../support/cluster";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../support/fake-openai-server";
import { HttpSession } from "../support/http-session";
import { cloneDatabase, freePort, startTestPostgres } from "../support/test-postgres";
import { sleep } from "../support/wait-for";

const ANNOTATORS = 8;
const PROMPTS = 48;
const OVERLAP = 2;
const GENERATION_PROMPTS = 50;
const N = 3;
const ENDPOINT_CONCURRENCY = 6;
const WORKER_CONCURRENCY = 4; // 3 workers x 4 > 6: the endpoint's limit, not each worker's, must bind
const LATENCY_MS = 250;
const GRACE_MS = 4_000;

const group = new ProcessGroup();
let database: Awaited<ReturnType<typeof startTestPostgres>> | undefined;
let fake: FakeOpenAiServer | undefined;

afterAll(async () => {
  await group.killAll();
  await closeTestSide();
  await fake?.close();
  await database?.stop();
});

type Item = { assignmentId: string; candidates: { id: string }[] };

it(
  "two app instances and three workers on one Postgres finish judging, generation and an export while one of each is SIGKILLed",
  async () => {
    const began = Date.now();
    const phase = (what: string) => console.log(`[cluster ${((Date.now() - began) / 1000).toFixed(1)} s] ${what}`);
    requireBuild();
    database = await startTestPostgres();
    const databaseUrl = await cloneDatabase(database, "cluster");
    fake = await startFakeOpenAiServer({ latencyMs: LATENCY_MS });

    const [portA, portB] = [await freePort(), await freePort()];
    const [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    const metricsToken = randomBytes(24).toString("base64url");
    const workerMetricsPort = await freePort();
    const shared = sharedEnv(databaseUrl, urlA, { ARBITER_METRICS_TOKEN: metricsToken, ARBITER_SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const apps = [portA, portB].map((port, i) => group.app(`app ${"AB"[i]}`, port, { ...shared, ARBITER_PROCESS_NAME: `app-${"ab"[i]}` }));
    const workers = [0, 1, 2].map((i) =>
      group.worker(`worker ${i + 1}`, {
        ...shared,
        ARBITER_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
        ARBITER_TASK_LEASE_MS: "3000",
        ARBITER_EXPORT_POLL_MS: "300",
        ARBITER_RETRY_BASE_MS: "200",
        ...(i === 2 ? { ARBITER_METRICS_PORT: String(workerMetricsPort) } : {}),
      }),
    );

    phase("processes launched");
    // The test's own view of the database, for fixtures and the final counts; made while the processes start.
    const { db, users, engineer, set, startGeneration } = await openTestSide(databaseUrl, shared, {
      annotators: ANNOTATORS,
      prompts: PROMPTS,
      overlap: OVERLAP,
      generationPrompts: GENERATION_PROMPTS,
      endpointUrl: fake.baseUrl,
      endpointConcurrency: ENDPOINT_CONCURRENCY,
      label: "cluster",
    });

    phase("fixtures made");
    // Ready: both instances see a migrated database and fresh worker heartbeats.
    const startedAt = Date.now();
    for (const url of [urlA, urlB]) await group.waitFor(`${url} to be ready`, async () => ((await status(`${url}/api/health/ready`)) === 200 ? true : undefined), 120_000, 250);
    const ready = (await (await fetch(`${urlB}/api/health/ready`)).json()) as { freshWorkers: number; pendingMigrations: string[] };
    expect(ready.pendingMigrations).toEqual([]);
    await group.waitFor("all three workers to beat", async () => ((await db.workerHeartbeat.count()) === 3 ? true : undefined), 30_000, 200);
    const readySeconds = (Date.now() - startedAt) / 1000;

    phase("both instances ready, three workers beating");
    // Annotators sign in, each on "their" instance; the cookie is valid on both (one AUTH_SECRET).
    const sessions = users.map(() => new HttpSession(urlA));
    for (const [i, session] of sessions.entries()) await session.signIn(i % 2 ? urlB : urlA, users[i]!.email, users[i]!.password);
    const engineerSession = new HttpSession(urlA);
    await engineerSession.signIn(urlA, engineer.email, engineer.password);

    phase("signed in");
    // The export: queued on A, built by a worker (the app only queues), downloaded from B at the end.
    const exportId = await queueExport(engineerSession, urlA, "cluster", set.id);

    // The generation run over the three workers.
    const generationStarted = Date.now();
    const { runId } = await startGeneration(N);

    // Annotators: claim, think, submit with a key made before the first send; on a refused connection,
    // a timeout or a 5xx, go to the other instance (as a load balancer would) and resend the same key.
    const down = new Set<string>();
    const acknowledged: string[] = [];
    const failedWith = new Map<string, number>();
    const failed = (why: string) => failedWith.set(why, (failedWith.get(why) ?? 0) + 1);
    const hardStop = Date.now() + 90_000;
    const annotate = async (session: HttpSession, i: number) => {
      let preferred = i % 2 ? urlB : urlA;
      const target = () => (down.has(preferred) ? (preferred === urlA ? urlB : urlA) : preferred);
      const failOver = (url: string) => {
        if (url === preferred) preferred = url === urlA ? urlB : urlA;
      };
      for (let rounds = 0; rounds < 200 && Date.now() < hardStop; rounds += 1) {
        let item: Item | null | undefined;
        const url = target();
        try {
          const response = await session.request(url, "POST", `/api/annotation/prompt-sets/${set.id}/claim`, {});
          if (response.status === 200) item = ((await response.json()) as { item: Item | null }).item;
          else failed(`claim ${response.status}`);
        } catch (error) {
          failed(`claim ${error instanceof Error ? error.name : "error"}`);
          failOver(url);
        }
        if (item === null) return;
        if (item === undefined) {
          await sleep(150);
          continue;
        }
        await sleep(80 + Math.random() * 120);
        const key = randomUUID();
        const body = { assignmentId: item.assignmentId, idempotencyKey: key, shown: item.candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "A" } };
        for (let attempt = 0; attempt < 100 && Date.now() < hardStop; attempt += 1) {
          const submitUrl = target();
          try {
            const response = await session.request(submitUrl, "POST", "/api/annotation/judgments", body);
            if (response.status === 200) {
              acknowledged.push(key);
              break;
            }
            if (response.status < 500) throw new Error(`judgment refused with ${response.status}: ${await response.text()}`);
            failed(`submit ${response.status}`);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith("judgment refused")) throw error;
            failed(`submit ${error instanceof Error ? error.name : "error"}`);
            failOver(submitUrl);
          }
          await sleep(150);
        }
      }
    };
    const annotating = Promise.all(sessions.map(annotate));

    phase("generation run started, annotators at work");
    // Midway through both, SIGKILL instance A and worker 1.
    const judgmentsIn = () => db.judgment.count({ where: { prompt: { promptSetId: set.id } } });
    const candidatesIn = () => db.candidate.count({ where: { generationTask: { runId } } });
    await group.waitFor(
      "a third of the judgments and of the candidates",
      async () => ((await judgmentsIn()) >= (PROMPTS * OVERLAP) / 3 && (await candidatesIn()) >= (GENERATION_PROMPTS * N) / 3 ? true : undefined),
      60_000,
      100,
    );
    const atKill = { judgments: await judgmentsIn(), candidates: await candidatesIn() };
    const killedAt = Date.now();
    down.add(urlA);
    apps[0]!.child.kill("SIGKILL");
    workers[0]!.child.kill("SIGKILL");
    await Promise.all([apps[0]!.exit, workers[0]!.exit]);

    phase("instance A and worker 1 SIGKILLed");
    // The rest finish.
    await group.waitFor(
      "the generation run to complete",
      async () => ((await db.generationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status !== "RUNNING" ? true : undefined),
      60_000,
      100,
    );
    const generationSeconds = (Date.now() - generationStarted) / 1000;
    await annotating;
    const judgingSeconds = (Date.now() - generationStarted) / 1000;

    phase("generation and judging done");
    // The export, read from B.
    const { rows: exportRows, bytes: exportBytes } = await downloadBuiltExport(group, engineerSession, urlB, exportId);
    expect(exportRows, "every prompt of the set is a row of the prompt-only export").toBe(PROMPTS);

    phase("export downloaded from B");
    // What is stored.
    const judgments = await db.judgment.findMany({ where: { prompt: { promptSetId: set.id } }, select: { promptId: true, annotatorId: true, idempotencyKey: true } });
    const perPrompt = new Map<string, number>();
    for (const judgment of judgments) perPrompt.set(judgment.promptId, (perPrompt.get(judgment.promptId) ?? 0) + 1);
    const keys = new Set(judgments.map((judgment) => judgment.idempotencyKey));
    const lost = acknowledged.filter((key) => !keys.has(key));
    const doubled = judgments.length - new Set(judgments.map((judgment) => `${judgment.promptId}/${judgment.annotatorId}`)).size;
    const activeLeases = await db.assignment.count({ where: { promptId: { in: set.promptIds }, status: "ACTIVE" } });
    const tasks = await db.generationTask.groupBy({ by: ["status"], where: { runId }, _count: true });
    const candidates = await db.candidate.groupBy({ by: ["promptId"], where: { generationTask: { runId } }, _count: true });
    const run = await db.generationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });

    // Observability, checked on the surviving instance: metrics behind the token, one JSON log line per
    // request with its user, no password anywhere in the logs.
    // Liveness: the survivor answers, the SIGKILLed instance does not (a load balancer takes it out).
    expect(await status(`${urlB}/api/health/live`)).toBe(200);
    expect(await status(`${urlA}/api/health/live`)).toBeUndefined();
    expect(await status(`${urlB}/api/metrics`)).toBe(401);
    const metrics = await (await fetch(`${urlB}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    expect(metrics).toMatch(/arbiter_http_request_duration_seconds_count\{method="POST",route="\/api\/annotation\/judgments",status="2xx"\} \d+/);
    expect(metrics).toMatch(/arbiter_http_request_duration_seconds_count\{method="POST",route="\/api\/annotation\/prompt-sets\/:id\/claim",status="2xx"\} \d+/);
    expect(metrics).toContain('arbiter_generation_tasks{status="PENDING"} 0');
    expect(metrics).toMatch(/arbiter_workers_alive \d/);
    const workerMetrics = await (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    const workerCompleted = Number(/arbiter_generation_tasks_total\{outcome="completed"\} (\d+)/.exec(workerMetrics)?.[1] ?? "0");
    expect(workerCompleted, "worker 3 reports its own throughput").toBeGreaterThan(0);
    const submitLines = apps[1]!.output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg?: string; route?: string; userId?: string; reqId?: string; level?: string; time?: string })
      .filter((line) => line.msg === "request" && line.route === "/api/annotation/judgments");
    expect(submitLines.length).toBeGreaterThan(0);
    expect(submitLines.every((line) => line.reqId && line.level === "info" && line.time && users.some((user) => user.id === line.userId))).toBe(true);
    for (const proc of group.procs) for (const user of [...users, engineer]) expect(proc.output).not.toContain(user.password);

    phase("observability checked");
    // Graceful stop of the survivors: SIGTERM, clean exit within the grace period (plus a start-up margin).
    const stopAt = Date.now();
    for (const proc of [apps[1]!, workers[1]!, workers[2]!]) proc.child.kill("SIGTERM");
    const stops = await Promise.all([apps[1]!, workers[1]!, workers[2]!].map((proc) => proc.exit));
    const stopSeconds = Math.max(...stops.map((stop) => stop.at - stopAt)) / 1000;
    const heartbeatsLeft = await db.workerHeartbeat.findMany({ select: { pid: true } });

    const figures = {
      "instances / workers": "2 / 3 (one of each SIGKILLed midway)",
      "ready after start (s)": readySeconds.toFixed(1),
      "at the kill: judgments, candidates": `${atKill.judgments} / ${PROMPTS * OVERLAP}, ${atKill.candidates} / ${GENERATION_PROMPTS * N}`,
      "judgments stored / expected": `${judgments.length} / ${PROMPTS * OVERLAP}`,
      "acknowledged, lost, doubled": `${acknowledged.length}, ${lost.length}, ${doubled}`,
      "failed requests (retried)": [...failedWith].map(([why, n]) => `${why}: ${n}`).join(", ") || "none",
      "candidates stored / expected": `${candidates.reduce((sum, row) => sum + row._count, 0)} / ${GENERATION_PROMPTS * N}`,
      "endpoint max in flight / limit": `${fake.maxInFlight} / ${ENDPOINT_CONCURRENCY}`,
      "generation seconds (kill included)": generationSeconds.toFixed(1),
      "judging seconds": judgingSeconds.toFixed(1),
      "export rows, bytes (built by a worker, read from B)": `${exportRows}, ${exportBytes}`,
      "worker 3 tasks completed (its /metrics)": workerCompleted,
      "SIGTERM to exit, slowest (s)": stopSeconds.toFixed(1),
      "after the kill, work finished in (s)": ((Date.now() - killedAt) / 1000).toFixed(1),
      "wall seconds": ((Date.now() - began) / 1000).toFixed(1),
    };
    console.log(`\nCluster figures:\n${Object.entries(figures).map(([k, v]) => `  ${k.padEnd(52)} ${v}`).join("\n")}\n`);

    expect(lost, "every acknowledged judgment is stored").toEqual([]);
    expect(doubled).toBe(0);
    expect(perPrompt.size).toBe(PROMPTS);
    expect([...perPrompt.values()].every((count) => count === OVERLAP), "exactly `overlap` judgments per prompt").toBe(true);
    expect(activeLeases).toBe(0);
    expect(run.status).toBe("COMPLETED");
    expect(tasks.map((row) => row.status)).toEqual(["SUCCEEDED"]);
    expect(candidates.length).toBe(GENERATION_PROMPTS);
    expect(candidates.every((row) => row._count === N), "exactly N candidates per prompt").toBe(true);
    expect(fake.maxInFlight, "the endpoint's concurrency limit held across the workers").toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
    expect(stops.map((stop) => stop.code)).toEqual([0, 0, 0]);
    expect(stopSeconds).toBeLessThan(GRACE_MS / 1000 + 2);
    // Cleanly stopped workers remove their heartbeat; only the SIGKILLed one's stays (and goes stale).
    expect(heartbeatsLeft.map((row) => row.pid)).toEqual([workers[0]!.child.pid]);
  },
  240_000,
);
