// The pooler mode the README claims: one app instance (`scripts/serve.mjs`) and one worker
// (`scripts/worker.ts`) reach Postgres only through a PgBouncer in session mode (`pool_mode = session`),
// started here on a free port with its configuration in this run's directory, and do real work through
// it: annotators judge a set to completion over HTTP, a generation run stores exactly N candidates per
// prompt, and an export queued on the instance is built by the worker (its session advisory lock held
// through the pooler) and downloaded. PgBouncer's own statistics show the traffic went through it.
// Without a pgbouncer binary the test fails and says how to install it. Loopback only, every wait bounded.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { closeTestSide, downloadBuiltExport, openTestSide, ProcessGroup, queueExport, requireBuild, sharedEnv, status } from "../support/cluster";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../support/fake-openai-server";
import { HttpSession } from "../support/http-session";
import { cloneDatabase, freePort, startTestPostgres } from "../support/test-postgres";

const ANNOTATORS = 2;
const PROMPTS = 12;
const GENERATION_PROMPTS = 10;
const N = 2;

const group = new ProcessGroup();
let database: Awaited<ReturnType<typeof startTestPostgres>> | undefined;
let fake: FakeOpenAiServer | undefined;
let runDir: string | undefined;

afterAll(async () => {
  await group.killAll();
  await closeTestSide();
  await fake?.close();
  await database?.stop();
  if (runDir) await rm(runDir, { recursive: true, force: true });
});

/** The pgbouncer binary (PATH, then Debian's /usr/sbin), or a failure that says how to install it. */
function findPgbouncer(): string {
  const found = spawnSync("sh", ["-c", "command -v pgbouncer"], { encoding: "utf8" }).stdout.trim();
  const binary = found || ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"].find((candidate) => existsSync(candidate));
  if (!binary) {
    throw new Error(
      "pgbouncer is not installed, and this test proves the session-mode pooler setup the README claims. " +
        "Install it (Debian/Ubuntu, as root): apt-get update && apt-get install -y pgbouncer   (.ci/run does this in CI).",
    );
  }
  return binary;
}

it(
  "one app instance and one worker do judgments, a generation run and an export through PgBouncer in session mode",
  async () => {
    const began = Date.now();
    const pgbouncer = findPgbouncer();
    requireBuild();
    database = await startTestPostgres();
    const directUrl = new URL(await cloneDatabase(database, "pgbouncer"));
    fake = await startFakeOpenAiServer({ latencyMs: 50 });

    // PgBouncer's configuration in a directory of its own. It refuses to run as root: as root (CI) it is
    // started with -u postgres (the account Debian's package creates), so its files must be readable by it.
    runDir = await mkdtemp(path.join(tmpdir(), "arbiter-pgbouncer-"));
    await chmod(runDir, 0o755);
    const bouncerPort = await freePort();
    const user = decodeURIComponent(directUrl.username);
    const password = decodeURIComponent(directUrl.password);
    const databaseName = directUrl.pathname.slice(1);
    const iniPath = path.join(runDir, "pgbouncer.ini");
    const usersPath = path.join(runDir, "userlist.txt");
    await writeFile(usersPath, `"${user}" "${password}"\n`, { mode: 0o644 });
    await writeFile(
      iniPath,
      [
        "[databases]",
        `${databaseName} = host=${directUrl.hostname} port=${directUrl.port} dbname=${databaseName}`,
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${bouncerPort}`,
        "unix_socket_dir =",
        "pool_mode = session",
        "auth_type = scram-sha-256",
        `auth_file = ${usersPath}`,
        `admin_users = ${user}`,
        // The connection budget of one instance and one worker (README "Many machines": 10 + 6 and 24 + 6)
        // plus this test's own clients: session mode holds a server connection per client connection.
        "max_client_conn = 200",
        "default_pool_size = 80",
        "ignore_startup_parameters = extra_float_digits",
        "stats_period = 1",
        "log_connections = 0",
        "log_disconnections = 0",
        "log_stats = 0",
        "",
      ].join("\n"),
      { mode: 0o644 },
    );
    const asRoot = process.getuid?.() === 0;
    const bouncer = group.launch("pgbouncer", pgbouncer, [...(asRoot ? ["-u", "postgres"] : []), iniPath], { ...process.env });
    const bouncerUrl = new URL(directUrl);
    bouncerUrl.port = String(bouncerPort);
    const adminUrl = new URL(bouncerUrl);
    adminUrl.pathname = "/pgbouncer";
    await group.waitFor(
      "PgBouncer to accept connections",
      async () => {
        if (bouncer.child.exitCode !== null) throw new Error(`pgbouncer exited with ${bouncer.child.exitCode}:\n${bouncer.output}`);
        const client = new pg.Client({ connectionString: bouncerUrl.toString() });
        try {
          await client.connect();
          await client.query("SELECT 1");
          return true;
        } catch {
          return undefined;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      15_000,
    );
    const bouncerStats = async () => {
      // The admin console speaks the simple query protocol only (a query without parameters).
      const client = new pg.Client({ connectionString: adminUrl.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ database: string; total_xact_count: string; total_query_count: string }>("SHOW STATS");
        const row = rows.find((stat) => stat.database === databaseName);
        return { transactions: Number(row?.total_xact_count ?? 0), queries: Number(row?.total_query_count ?? 0) };
      } finally {
        await client.end();
      }
    };
    const before = await bouncerStats();

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const shared = sharedEnv(bouncerUrl.toString(), url);
    const app = group.app("app", port, shared);
    const worker = group.worker("worker", { ...shared, ARBITER_WORKER_CONCURRENCY: "4", ARBITER_EXPORT_POLL_MS: "300" });

    // The test's fixtures and final counts go straight to Postgres; only the app and the worker use the pooler.
    const { db, users, engineer, set, startGeneration } = await openTestSide(directUrl.toString(), shared, {
      annotators: ANNOTATORS,
      prompts: PROMPTS,
      overlap: 1,
      generationPrompts: GENERATION_PROMPTS,
      endpointUrl: fake.baseUrl,
      endpointConcurrency: 4,
      label: "pgbouncer",
    });

    await group.waitFor(
      "the instance to be ready (database migrated, worker heartbeat fresh), through the pooler",
      async () => {
        group.assertRunning(app, worker);
        return (await status(`${url}/api/health/ready`)) === 200 ? true : undefined;
      },
      120_000,
      250,
    );

    // Generation: the worker claims (transaction-scoped advisory locks), calls the model and stores.
    const { runId } = await startGeneration(N);

    // Judgments over HTTP through the instance until the set is done.
    const sessions = users.map(() => new HttpSession(url));
    for (const [i, session] of sessions.entries()) await session.signIn(url, users[i]!.email, users[i]!.password);
    let acknowledged = 0;
    await Promise.all(
      sessions.map(async (session) => {
        for (let round = 0; round < PROMPTS + 5; round += 1) {
          const claim = await session.request(url, "POST", `/api/annotation/prompt-sets/${set.id}/claim`, {});
          expect(claim.status, await claim.clone().text()).toBe(200);
          const item = ((await claim.json()) as { item: { assignmentId: string; candidates: { id: string }[] } | null }).item;
          if (!item) return;
          const submit = await session.request(url, "POST", "/api/annotation/judgments", {
            assignmentId: item.assignmentId,
            idempotencyKey: randomUUID(),
            shown: item.candidates.map((c) => c.id),
            verdict: { kind: "pairwise", verdict: "A" },
          });
          expect(submit.status, await submit.clone().text()).toBe(200);
          acknowledged += 1;
        }
      }),
    );

    // The export: queued on the instance, built by the worker (session advisory lock held on its pooled connection).
    const engineerSession = new HttpSession(url);
    await engineerSession.signIn(url, engineer.email, engineer.password);
    const exportId = await queueExport(engineerSession, url, "pgbouncer", set.id);
    const { rows: exportRows } = await downloadBuiltExport(group, engineerSession, url, exportId);

    await group.waitFor(
      "the generation run to complete",
      async () => ((await db.generationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status === "COMPLETED" ? true : undefined),
      60_000,
    );
    const candidates = await db.candidate.groupBy({ by: ["promptId"], where: { generationTask: { runId } }, _count: true });
    const judgments = await db.judgment.groupBy({ by: ["promptId"], where: { prompt: { promptSetId: set.id } }, _count: true });
    const after = await bouncerStats();

    // A clean stop through the pooler, as in production.
    app.child.kill("SIGTERM");
    worker.child.kill("SIGTERM");
    const codes = (await Promise.all([app.exit, worker.exit])).map((exit) => exit.code);

    console.log(
      `\nPgBouncer (session mode) figures: ${acknowledged} judgments, ${candidates.reduce((sum, row) => sum + row._count, 0)} candidates, ` +
        `export of ${exportRows} rows; through the pooler ${after.transactions - before.transactions} transactions, ${after.queries - before.queries} queries; ` +
        `wall ${((Date.now() - began) / 1000).toFixed(1)} s\n`,
    );
    expect(acknowledged).toBe(PROMPTS);
    expect(judgments.length).toBe(PROMPTS);
    expect(judgments.every((row) => row._count === 1)).toBe(true);
    expect(candidates.length).toBe(GENERATION_PROMPTS);
    expect(candidates.every((row) => row._count === N), "exactly N candidates per prompt").toBe(true);
    expect(exportRows, "every prompt of the set is a row of the prompt-only export").toBe(PROMPTS);
    // The app and the worker did their work through PgBouncer: it counted their transactions.
    expect(after.queries - before.queries).toBeGreaterThan(PROMPTS * 2 + GENERATION_PROMPTS * N);
    expect(codes).toEqual([0, 0]);
  },
  180_000,
);
