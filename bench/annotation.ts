// Annotation queue latency: claim and submit with 50 concurrent annotators through the app's services
// (real Postgres, FOR UPDATE SKIP LOCKED, one transaction per submit), printed beside a bare Postgres
// round trip (SELECT 1) measured in the same run on the same server, at the same concurrency. Then the
// time from Enter to the next item painted, in Chromium against the production build, beside a verdict
// key's highlight painted in the same page (the baseline: one small update and a frame).
// Run: npm run bench:annotation   (PROMPTS=1000 ANNOTATORS=50 to change the size; SKIP_BROWSER=1 for the first part only, SKIP_SERVICE=1 for the second only;
// ANSWER_REPEAT=6 sections per answer; ROUNDS=30 items judged in Chromium; ROUNDS_DETAIL=1 prints every round; TRACE=file.json records a Chromium trace and sums it by kind;
// EXPAND=1 shows answers in full; ALTERNATE=1 serves items with answers of one section and of ANSWER_REPEAT in turn, so that
// every other item ahead is far longer than the page)
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import pg from "pg";
import { buildIfChanged } from "../scripts/lib/build-hash";
import { postgresServerCpuMs } from "./proc-stat";
import { findChromium } from "../scripts/lib/find-chromium";
import { cloneDatabase, freePort, startTestPostgres } from "../tests/support/test-postgres";

const promptCount = Number(process.env.PROMPTS ?? 600);
const annotatorCount = Number(process.env.ANNOTATORS ?? 50);
const overlap = 3;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;
const line = (label: string, values: number[], baseline?: number[], baselineName = "the bare round trip") => {
  const median = quantile(values, 0.5);
  const p99 = quantile(values, 0.99);
  const ratio = baseline ? `   (${(median / quantile(baseline, 0.5)).toFixed(1)}x / ${(p99 / quantile(baseline, 0.99)).toFixed(1)}x ${baselineName})` : "";
  console.log(`${label.padEnd(44)} median ${ms(median).padStart(10)}   p99 ${ms(p99).padStart(10)}   n=${values.length}${ratio}`);
};

async function bareRoundTrips(url: string, concurrency: number, perClient: number): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < perClient; i++) {
        const started = performance.now();
        await pool.query("SELECT 1");
        samples.push(performance.now() - started);
      }
    }),
  );
  await pool.end();
  return samples;
}

async function serviceBench(url: string) {
  process.env.DATABASE_URL = url;
  const { getDb } = await import("../server/db/client");
  const { makeAnnotationSet } = await import("../tests/support/annotation-factories");
  const { claimAssignment } = await import("../server/services/annotation/claim-assignment");
  const { submitJudgment } = await import("../server/services/annotation/submit-judgment");
  const users = Array.from({ length: annotatorCount }, (_, i) => ({ id: randomUUID(), email: `bench-${i}@bench.arbiter`, name: `Bench ${i}`, role: "ANNOTATOR" as const, passwordHash: "x" }));
  await getDb().user.createMany({ data: users });
  const set = await makeAnnotationSet({ memberIds: users.map((u) => u.id), prompts: promptCount, candidatesPerPrompt: 3, overlap });
  await getDb().$executeRawUnsafe("ANALYZE");

  // Warm up the connection pool and the query plans.
  await bareRoundTrips(url, 10, 20);
  const monitor = new pg.Client({ connectionString: url });
  await monitor.connect();
  // Counted from when the set-up's own writes show in the statistics (the prompts it inserted): else its
  // WAL and rows, reported a moment late, were counted as the closed loop's.
  const costsBefore = await databaseCosts(monitor, { table: "prompts", inserted: promptCount });
  const claims: number[] = [];
  const submits: number[] = [];
  const started = performance.now();
  const serviceCpuBefore = process.cpuUsage();
  await Promise.all(
    users.map(async ({ id, email, name, role }) => {
      const actor = { id, email, name, role };
      for (;;) {
        let t = performance.now();
        const { item } = await claimAssignment({ actor, promptSetId: set.id });
        claims.push(performance.now() - t);
        if (!item) return;
        t = performance.now();
        await submitJudgment({
          actor,
          input: { assignmentId: item.assignmentId, idempotencyKey: randomUUID(), shown: item.candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "A" } },
        });
        submits.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const serviceCpu = process.cpuUsage(serviceCpuBefore);
  const judgments = await getDb().judgment.count({ where: { promptSetId: set.id } });
  const costsAfter = await databaseCosts(monitor, { table: "judgments", inserted: costsBefore.tables.judgments!.inserted + judgments });
  const bare = await bareRoundTrips(url, annotatorCount, 100);
  console.log(`\nQueue: ${annotatorCount} concurrent annotators, ${promptCount} prompts x overlap ${overlap} = ${judgments} judgments in ${(elapsed / 1000).toFixed(1)} s (${Math.round((judgments / elapsed) * 1000)} judgments/s)`);
  line("bare Postgres round trip (SELECT 1, same pool)", bare);
  line("claim (lease the next prompt)", claims, bare);
  line("submit (judgment + lease + audit, 1 tx)", submits, bare);
  const pairs = claims.slice(0, submits.length).map((claim, i) => claim + submits[i]!);
  line("claim + submit", pairs, bare);
  await printCosts(monitor, costsBefore, costsAfter, judgments, elapsed, (serviceCpu.user + serviceCpu.system) / 1000);
  await monitor.end();
}

/** Hot tables of a judgment (claim + submit): their rows written and index entries maintained per judgment. */
const hotTables = ["prompts", "assignments", "judgments", "judgment_candidates", "audit_log"] as const;
type TableCounts = { inserted: number; updated: number; hotUpdated: number; deleted: number; indexes: number };
type DatabaseCosts = {
  /** Postgres's CPU so far (ms), undefined when its processes are not visible here. */
  postgresCpuMs: number | undefined;
  walBytes: bigint;
  walRecords: bigint;
  walFullPages: bigint;
  commits: bigint;
  rollbacks: bigint;
  deadlocks: bigint;
  tables: Partial<Record<(typeof hotTables)[number], TableCounts>>;
  statements: boolean;
};

/**
 * What Postgres has spent so far: its processes' CPU, the WAL written, transactions, and each hot table's
 * row counters. Backends report their counters (tables and WAL) when they go idle, up to a second later:
 * with `settled`, waits (up to 10 s) until that table shows that many inserts.
 */
async function databaseCosts(client: pg.Client, settled?: { table: (typeof hotTables)[number]; inserted: number }): Promise<DatabaseCosts> {
  for (let tries = 0; settled !== undefined && tries < 100; tries++) {
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ n: string }>("SELECT n_tup_ins AS n FROM pg_stat_user_tables WHERE relname = $1", [settled.table]);
    if (Number(rows[0]?.n ?? 0) >= settled.inserted) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows: [pid] } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const { rows: [wal] } = await client.query<{ bytes: string; records: string; fpi: string }>("SELECT wal_bytes::text AS bytes, wal_records::text AS records, wal_fpi::text AS fpi FROM pg_stat_wal");
  const { rows: [db] } = await client.query<{ commits: string; rollbacks: string; deadlocks: string }>(
    "SELECT xact_commit::text AS commits, xact_rollback::text AS rollbacks, deadlocks::text AS deadlocks FROM pg_stat_database WHERE datname = current_database()",
  );
  const { rows: tables } = await client.query<{ relname: (typeof hotTables)[number]; ins: string; upd: string; hot: string; del: string; indexes: number }>(
    `SELECT t.relname, t.n_tup_ins::text AS ins, t.n_tup_upd::text AS upd, t.n_tup_hot_upd::text AS hot, t.n_tup_del::text AS del,
            (SELECT count(*)::int FROM pg_index i WHERE i.indrelid = t.relid) AS indexes
     FROM pg_stat_user_tables t WHERE t.relname = ANY ($1)`,
    [hotTables],
  );
  const { rows: [statements] } = await client.query<{ loaded: boolean }>(
    "SELECT current_setting('shared_preload_libraries') ~ 'pg_stat_statements' AS loaded",
  );
  // At the start (before the closed loop), the statement counters start from zero.
  if (statements?.loaded && settled?.table !== "judgments") {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.query("SELECT pg_stat_statements_reset()");
  }
  return {
    postgresCpuMs: postgresServerCpuMs(pid!.pid),
    walBytes: BigInt(wal!.bytes),
    walRecords: BigInt(wal!.records),
    walFullPages: BigInt(wal!.fpi),
    commits: BigInt(db!.commits),
    rollbacks: BigInt(db!.rollbacks),
    deadlocks: BigInt(db!.deadlocks),
    tables: Object.fromEntries(tables.map((t) => [t.relname, { inserted: Number(t.ins), updated: Number(t.upd), hotUpdated: Number(t.hot), deleted: Number(t.del), indexes: t.indexes }])),
    statements: Boolean(statements?.loaded),
  };
}

/**
 * Per judgment (claim + submit): Postgres's CPU and this process's (the services), WAL, transactions and
 * rows written per hot table (with its index count; an UPDATE that is not HOT maintains every index).
 * With pg_stat_statements preloaded (a server of your own through TEST_DATABASE_URL started with
 * shared_preload_libraries=pg_stat_statements and pg_stat_statements.track=all), the statements that took
 * the most time, nested ones (inside the plpgsql functions) included.
 */
async function printCosts(monitor: pg.Client, before: DatabaseCosts, after: DatabaseCosts, judgments: number, elapsedMs: number, serviceCpuMs: number) {
  const per = (value: number | bigint) => (Number(value) / judgments).toFixed(2);
  const postgres = before.postgresCpuMs !== undefined && after.postgresCpuMs !== undefined ? after.postgresCpuMs - before.postgresCpuMs : undefined;
  console.log(
    `CPU per judgment (claim + submit): Postgres ${postgres === undefined ? "-" : `${per(postgres)} ms (${(postgres / elapsedMs).toFixed(2)} cores)`}, ` +
      `the services (this process) ${per(serviceCpuMs)} ms (${(serviceCpuMs / elapsedMs).toFixed(2)} cores)`,
  );
  console.log(
    `Per judgment: WAL ${per(after.walBytes - before.walBytes)} bytes in ${per(after.walRecords - before.walRecords)} records (${per(after.walFullPages - before.walFullPages)} full pages), ` +
      `${per(after.commits - before.commits)} commits, ${per(after.rollbacks - before.rollbacks)} rollbacks; deadlocks ${after.deadlocks - before.deadlocks}`,
  );
  for (const name of hotTables) {
    const [a, b] = [after.tables[name], before.tables[name]];
    if (!a || !b) continue;
    console.log(
      `  ${name.padEnd(20)} per judgment: ${per(a.inserted - b.inserted)} inserted, ${per(a.updated - b.updated)} updated (${per(a.hotUpdated - b.hotUpdated)} HOT), ${per(a.deleted - b.deleted)} deleted; ${a.indexes} indexes`,
    );
  }
  if (!after.statements) return;
  const { rows } = await monitor.query<{ query: string; calls: string; total: number; rows: string; wal: string; hit: string }>(
    `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::text, total_exec_time + total_plan_time AS total, rows::text, wal_bytes::text AS wal, shared_blks_hit::text AS hit
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time + total_plan_time DESC LIMIT ${Number(process.env.STATEMENTS ?? 20)}`,
  );
  console.log("pg_stat_statements (nested statements included: their time is also in the calling function's), per judgment:");
  for (const row of rows) {
    console.log(`  ${per(row.total).padStart(7)} ms  ${per(Number(row.calls)).padStart(5)} calls  ${per(Number(row.rows)).padStart(6)} rows  ${per(Number(row.hit)).padStart(6)} blks hit  ${per(Number(row.wal)).padStart(7)} WAL B  ${row.query.slice(0, 150)}`);
  }
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; cat: string; args?: { name?: string } };

/** Sums the renderer main thread's top-level work between each "bench:enter" mark and the next "bench:painted" one, by kind. */
function summariseTrace(file: string, rounds: number) {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const enter = events.filter((event) => event.name === "bench:enter").sort((a, b) => a.ts - b.ts);
  if (!enter.length) return console.log("The trace has no bench:enter marks.");
  const main = events.find((event) => event.name === "thread_name" && event.args?.name === "CrRendererMain" && event.pid === enter[0]!.pid);
  const painted = events.filter((event) => event.name === "bench:painted").sort((a, b) => a.ts - b.ts);
  const windows = enter.map((event) => [event.ts, painted.find((end) => end.ts > event.ts)?.ts ?? event.ts] as const);
  const kinds: Record<string, number> = {};
  for (const event of events) {
    if (event.ph !== "X" || !event.dur || (main && (event.pid !== main.pid || event.tid !== main.tid))) continue;
    if (!windows.some(([from, to]) => event.ts >= from && event.ts < to)) continue;
    kinds[event.name] = (kinds[event.name] ?? 0) + event.dur / 1000;
  }
  const kept = ["FunctionCall", "EventDispatch", "RunMicrotasks", "TimerFire", "FireAnimationFrame", "v8.callFunction", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "MinorGC", "MajorGC", "V8.GC_SCAVENGER", "ParseHTML", "HitTest", "UpdateLayer", "IntersectionObserverController::computeIntersections"];
  console.log(`\nTrace (${file}), renderer main thread between Enter and the paint, per round (mean of ${rounds}; nested events overlap):`);
  for (const [name, total] of Object.entries(kinds).sort((a, b) => b[1] - a[1]).slice(0, 16)) if (kept.includes(name) || total / rounds > 2) console.log(`  ${name.padEnd(40)} ${(total / rounds).toFixed(1)} ms`);
}

/** The app's services in this process are bound to `url` already (one client per process): the app uses it too. */
async function browserBench(url: string) {
  const chromiumPath = findChromium().path;
  if (!chromiumPath) {
    console.log("\nBrowser part skipped: no Chromium found (see README, Tests).");
    return;
  }
  const distDir = process.env.ARBITER_DIST_DIR || ".next-bench-annotation";
  console.log(`\nBuilding the app into ${distDir} if its sources changed...`);
  await buildIfChanged({ distDir, quiet: true });
  const port = await freePort();
  const authSecret = randomBytes(32).toString("base64url");
  const app: ChildProcess = spawn(process.execPath, ["scripts/serve.mjs"], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    // The app refuses to start without an encryption key (endpoint API keys), as bench:load's app gets one.
    env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: authSecret, ARBITER_ENCRYPTION_KEY: randomBytes(32).toString("base64"), NEXTAUTH_URL: `http://127.0.0.1:${port}`, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", ARBITER_DIST_DIR: distDir, NODE_OPTIONS: "" },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      app.once("message", () => resolve());
      app.once("exit", (code) => reject(new Error(`the app exited (${code})`)));
    });
    const { createUser } = await import("../server/services/users/create-user");
    const { systemActor } = await import("../server/authz/actor");
    const { makeAnnotationSet } = await import("../tests/support/annotation-factories");
    const password = `pw-${randomUUID()}`;
    const { user } = await createUser({ actor: systemActor("bench"), input: { email: `bench-browser-${randomUUID().slice(0, 6)}@bench.arbiter`, name: "Bench", role: "ANNOTATOR", password } });
    const rounds = Number(process.env.ROUNDS ?? 30);
    // A long answer as models write them: headings, a list, a table, highlighted code and maths (inline
    // and display), repeated ANSWER_REPEAT times (default 6: about 9 kB, 30 formulas and 6 code blocks).
    const section = (p: number, c: number, s: number) =>
      [
        `## Step ${s + 1} for question ${p + 1} (answer ${c + 1})`,
        "A paragraph of **Markdown** with `inline code`, a [link](https://example.com) and maths: $x^2 + y^2 = z^2$, $\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$ and $e^{i\\pi} + 1 = 0$.",
        "- first point, with $\\alpha_i$\n- second point, with `code`\n- third point, *emphasised*",
        "| n | n squared |\n|---|---|\n| 1 | 1 |\n| 2 | 4 |\n| 3 | 9 |",
        "$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}, \\qquad \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}\n$$",
        "```typescript\n" +
          `export function step${s}(values: readonly number[]): number {\n  let total = 0;\n  for (const value of values) {\n    if (value > ${s}) total += value * value; // squares above ${s}\n    else total -= value;\n  }\n  return Math.sqrt(total) / values.length;\n}\n` +
          "```",
      ].join("\n\n");
    const long = (p: number, c: number) => Array.from({ length: Number(process.env.ANSWER_REPEAT ?? 6) }, (_, s) => section(p, c, s)).join("\n\n");
    const set = await makeAnnotationSet({ memberIds: [user.id], prompts: rounds + 2, content: long });
    if (process.env.ALTERNATE) {
      // The queue serves prompts in id order: every other one served gets answers of a single section.
      const { getDb } = await import("../server/db/client");
      const served = [...set.promptIds].sort();
      for (const [index, promptId] of served.entries()) {
        if (index % 2 === 1) continue;
        const candidates = await getDb().candidate.findMany({ where: { promptId }, orderBy: { id: "asc" }, select: { id: true } });
        for (const [c, candidate] of candidates.entries()) await getDb().candidate.update({ where: { id: candidate.id }, data: { content: section(index, c, 0) } });
      }
    }

    const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    // A write from the app's own origin, as the sign-in form sends it (the same-origin rule refuses others).
    const signedIn = await context.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: user.email, password, json: "true" }, headers: { origin: `http://127.0.0.1:${port}` }, maxRedirects: 0 });
    if (signedIn.status() >= 400) throw new Error(`sign-in failed: HTTP ${signedIn.status()}`);
    const page = await context.newPage();
    await page.goto(`/annotate/${set.id}`);
    // Keys work once React has hydrated the item (the workspace marks it).
    await page.locator("[data-testid=annotation-item][data-hydrated=true]").waitFor();
    // tsx keeps functions' names with a helper the page does not have: give it one (a string is not transformed).
    await page.evaluate("globalThis.__name = (fn) => fn");
    if (process.env.EXPAND) {
      await page.keyboard.press("f");
      await page.locator("[data-testid=annotation-item] button[aria-pressed=true]").first().waitFor();
    }
    type Round = { elapsed: number; swapped: number; longTasks: number; longest: number; responses: number; responsesBeforePaint: number };
    // TRACE=file.json records a Chromium trace of the rounds; the main thread's work between each Enter
    // and the paint after it is then summed by kind (script, style, layout, paint, GC).
    if (process.env.TRACE) await browser.startTracing(page, { path: process.env.TRACE, categories: ["devtools.timeline", "blink.user_timing", "v8.execute", "disabled-by-default-devtools.timeline"] });
    const measured: Round[] = [];
    let withoutAhead = 0;
    const verdictPainted: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Wait until the next item has been fetched ahead and rendered (hidden), as it is while an annotator
      // reads: an annotator who submits faster than a claim and a render meets the slower path.
      await page.waitForLoadState("networkidle");
      await page.getByTestId("annotation-item").waitFor();
      const ahead = await page
        .getByTestId("annotation-ahead")
        .waitFor({ state: "attached", timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      if (!ahead) withoutAhead += 1;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      // The baseline, in the same page and run: a verdict key (1) -> its highlight painted (one small React
      // update and a frame). Then Enter -> the next item painted, with where that time went: the DOM swap,
      // long tasks (> 50 ms of main thread) in the window, and network replies that landed before the paint.
      const round = await page.evaluate(
        () =>
          new Promise<Round & { verdict: number }>((resolve) => {
            const longTasks: PerformanceEntry[] = [];
            const tasks = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
            tasks.observe({ type: "longtask" });
            const item = document.querySelector("[data-testid=annotation-item]")!;
            const before = item.getAttribute("data-assignment-id");
            const painted = () => new Promise<number>((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0)));
            const fail = setTimeout(() => resolve({ elapsed: -1, swapped: -1, longTasks: 0, longest: 0, responses: 0, responsesBeforePaint: 0, verdict: -1 }), 15_000);
            const verdictStarted = performance.now();
            performance.mark("bench:verdict");
            window.dispatchEvent(new KeyboardEvent("keydown", { key: "1" }));
            void painted().then((verdictAt) => {
              const verdict = verdictAt - verdictStarted;
              const started = performance.now();
              performance.mark("bench:enter");
              let swappedAt = 0;
              const observer = new MutationObserver(() => {
                const shown = document.querySelector("[data-testid=annotation-item]")?.getAttribute("data-assignment-id");
                if (!shown || shown === before) return;
                observer.disconnect();
                swappedAt = performance.now();
                // Visible = painted: the frame after the DOM changed.
                void painted().then((end) => {
                  performance.mark("bench:painted");
                  clearTimeout(fail);
                  tasks.disconnect();
                  const within = longTasks.filter((task) => task.startTime + task.duration > started && task.startTime < end);
                  const replies = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((entry) => entry.name.includes("/api/annotation/") && entry.responseEnd > started);
                  resolve({
                    elapsed: end - started,
                    swapped: swappedAt - started,
                    longTasks: within.reduce((sum, task) => sum + task.duration, 0),
                    longest: Math.max(0, ...within.map((task) => task.duration)),
                    responses: replies.length,
                    responsesBeforePaint: replies.filter((entry) => entry.responseEnd < end).length,
                    verdict,
                  });
                });
              });
              observer.observe(document.body, { attributes: true, subtree: true, childList: true });
              window.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
            });
          }),
      );
      if (round.elapsed < 0) {
        const said = await page.locator("[role=alert], [role=status]").allInnerTexts();
        throw new Error(`round ${i + 1}: no next item 15 s after Enter; the page says: ${JSON.stringify(said)}; URL ${page.url()}`);
      }
      measured.push(round);
      verdictPainted.push(round.verdict);
    }
    if (process.env.TRACE) {
      await browser.stopTracing();
      summariseTrace(process.env.TRACE, rounds);
    }
    const samples = measured.map((round) => round.elapsed);
    console.log(`\nChromium, Enter -> next item painted (${rounds} items, long Markdown answers with code and maths, next item fetched ahead):`);
    line("baseline: verdict key -> highlight painted", verdictPainted);
    line("Enter -> next item painted", samples, verdictPainted, "the baseline");
    line("  of which Enter -> next item in the DOM", measured.map((round) => round.swapped));
    line("  long tasks (> 50 ms) in that window, total", measured.map((round) => round.longTasks));
    line("  longest long task in that window", measured.map((round) => round.longest));
    const withReplies = measured.filter((round) => round.responsesBeforePaint > 0).length;
    console.log(`  rounds where an /api/annotation reply landed before the paint: ${withReplies} of ${rounds}`);
    console.log(`  rounds with no item rendered ahead 5 s after the last one (a claim ahead that failed): ${withoutAhead} of ${rounds}`);
    if (process.env.ROUNDS_DETAIL) for (const [index, round] of measured.entries()) console.log(`  round ${index + 1}: ${JSON.stringify(round)}`);
    await browser.close();
  } finally {
    app.kill("SIGTERM");
  }
}

const server = await startTestPostgres();
try {
  const url = await cloneDatabase(server, "annotation");
  // The services (and the browser half's factories) reach this database.
  process.env.DATABASE_URL = url;
  if (!process.env.SKIP_SERVICE) await serviceBench(url);
  if (!process.env.SKIP_BROWSER) await browserBench(url);
} finally {
  await server.stop();
}
process.exit(0);
