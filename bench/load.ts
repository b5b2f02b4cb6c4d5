// Load over HTTP: N annotators signed in (next-auth over HTTP, as a browser does) claim and submit against
// the production build for a fixed time, through undici's connection pool. Printed beside the same app's
// signed-in no-op route (POST /api/ping: route wrapper, session check, write rules, JSON body, nothing
// else) at the same concurrency in the same run: the framework's floor. `/api/health` is probed on its own
// connection during both phases.
//
//   npm run bench:load                      closed loop: ANNOTATORS (50) each claim -> submit -> claim ... for SECONDS (20)
//   MODE=open npm run bench:load            open loop: OPEN_ANNOTATORS (50) each start one judgment every INTERVAL_MS
//                                           (5,000) for OPEN_SECONDS (30), whatever the previous one is doing;
//                                           claim and submit p99 against the 25 ms aim (issue 12)
//   MODE=both                               the two, one after the other, on the same server
//   COMPARE="cap off: ARBITER_HTTP_CONCURRENCY=10000; pool 20: DATABASE_POOL_SIZE=20"
//                                           the closed loop against one more app server per variant (each with
//                                           that environment added), in turn for ROUNDS (3) rounds, order rotated
//   COMPARE="main: APP_DIR=../main-clone"  a variant may run another checkout's code (its scripts/serve.mjs and
//                                           its build in its own ARBITER_DIST_DIR, built beforehand): an A/B of code
//   SKIP_BUILD=1                            serve the build in ARBITER_DIST_DIR (.next-bench-load) without checking its sources
//   PROFILE_DIR=bench/profiles/http         the app server runs with node --cpu-prof; the profile is written
//                                           there when the bench stops it (summarise: npm run bench:profile -- FILE)
// The app gets DATABASE_POOL_SIZE from the environment when set (the pool of each app instance).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Client, Pool } from "undici";
import { buildIfChanged } from "../scripts/lib/build-hash";
import { HttpSession } from "../tests/support/http-session";
import { procStat, type ProcStat } from "./proc-stat";
import { cloneDatabase, freePort, startTestPostgres } from "../tests/support/test-postgres";

const mode = (process.env.MODE ?? "closed") as "closed" | "open" | "both";
if (!["closed", "open", "both"].includes(mode)) throw new Error(`MODE must be closed, open or both, not "${mode}"`);
const annotatorCount = Number(process.env.ANNOTATORS ?? 50);
const seconds = Number(process.env.SECONDS ?? 20);
const openAnnotators = Number(process.env.OPEN_ANNOTATORS ?? 50);
const openSeconds = Number(process.env.OPEN_SECONDS ?? 30);
const intervalMs = Number(process.env.INTERVAL_MS ?? 5_000);
const profileDir = process.env.PROFILE_DIR ? path.resolve(process.env.PROFILE_DIR) : undefined;
const overlap = 3;
// Enough open slots that nobody runs out: closed loop at up to ~500 judgments/s, plus the open loop.
// COMPARE runs the closed loop once per app server and round.
const compareRuns = process.env.COMPARE?.trim() ? (process.env.COMPARE.split(";").length + 1) * Number(process.env.ROUNDS ?? 3) : 1;
const promptCount = Number(process.env.PROMPTS ?? Math.ceil(((mode === "open" ? 0 : seconds * 500 * compareRuns) + (mode === "closed" ? 0 : (openAnnotators * openSeconds * 1000) / intervalMs) + annotatorCount * 10 * compareRuns) / overlap));
const OPEN_AIM_MS = 25;

type Sample = { ms: number; status: number };
class Stats {
  samples: Sample[] = [];
  failures = new Map<string, number>();
  add(ms: number, status: number) {
    this.samples.push({ ms, status });
    if (status >= 400) this.fail(`HTTP ${status}`);
  }
  fail(reason: string) {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }
  ok() {
    return this.samples.filter((sample) => sample.status < 400).map((sample) => sample.ms);
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const fmt = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
function line(label: string, stats: Stats, elapsedMs?: number, floor?: Stats) {
  const values = stats.ok();
  const failed = [...stats.failures].map(([reason, n]) => `${n} x ${reason}`).join(", ");
  const rate = elapsedMs ? `${((values.length / elapsedMs) * 1000).toFixed(0).padStart(5)} req/s` : "".padStart(11);
  let ratio = "";
  if (floor && floor.ok().length) {
    const f = floor.ok();
    ratio = `   ${(quantile(values, 0.5) / quantile(f, 0.5)).toFixed(1)}x / ${(quantile(values, 0.99) / quantile(f, 0.99)).toFixed(1)}x the floor`;
  }
  console.log(`  ${label.padEnd(30)} ${rate}  p50 ${fmt(quantile(values, 0.5))}  p99 ${fmt(quantile(values, 0.99))}  max ${fmt(Math.max(...values))}  n=${String(values.length).padEnd(6)} errors ${failed || "0"}${ratio}`);
}

type Annotator = { id: string; email: string; cookie: string };

// CPU time (user + system, ms) of the app server, of Postgres (every other process under this one: the
// postmaster and its backends) and of this load generator, from /proc, so that each phase can say where
// the two cores went per request (and whether the generator itself eats one).
type CpuTimes = { app: number; postgres: number; bench: number; at: number };
function cpuTimes(appPid: number | undefined): CpuTimes {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  const underBench = (pid: number): number | undefined => {
    // The child of this process that `pid` descends from, if any.
    for (let current = pid, hops = 0; hops < 20; hops++) {
      const parent = stats.get(current)?.ppid;
      if (parent === undefined || parent <= 1) return undefined;
      if (parent === process.pid) return current;
      current = parent;
    }
    return undefined;
  };
  let app = 0;
  let postgres = 0;
  for (const [pid, stat] of stats) {
    const top = underBench(pid);
    if (top === undefined) continue;
    if (top === appPid) app += stat.cpuMs;
    else postgres += stat.cpuMs + stat.reapedMs;
  }
  const own = process.cpuUsage();
  return { app, postgres, bench: (own.user + own.system) / 1000, at: performance.now() };
}
function cpuLine(label: string, before: CpuTimes, after: CpuTimes, requests: number) {
  const wall = after.at - before.at;
  const part = (key: "app" | "postgres" | "bench") => {
    const used = after[key] - before[key];
    return `${key} ${(used / requests).toFixed(2)} ms (${(used / wall).toFixed(2)} cores)`;
  };
  console.log(`  CPU per request, ${label.padEnd(22)} ${part("app")}, ${part("postgres")}, ${part("bench")}`);
}

/**
 * COMPARE="cap off: ARBITER_HTTP_CONCURRENCY=10000; pool 20: DATABASE_POOL_SIZE=20": each variant a label and
 * the environment its app server gets on top of this one's.
 */
function parseCompare(text: string | undefined): { label: string; env: Record<string, string> }[] {
  if (!text?.trim()) return [];
  return text.split(";").map((part) => {
    const colon = part.indexOf(":");
    if (colon === -1) throw new Error(`COMPARE: "${part.trim()}" is not "label: NAME=value ..."`);
    const env: Record<string, string> = {};
    for (const assignment of part.slice(colon + 1).trim().split(/\s+/).filter(Boolean)) {
      const eq = assignment.indexOf("=");
      if (eq < 1) throw new Error(`COMPARE: "${assignment}" in "${part.trim()}" is not NAME=value`);
      env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
    return { label: part.slice(0, colon).trim(), env };
  });
}

async function main() {
  const server = await startTestPostgres();
  let app: ChildProcess | undefined;
  // Every app server started (one, or one per COMPARE variant more), all stopped at the end.
  const apps: ChildProcess[] = [];
  try {
    const url = await cloneDatabase(server, "load");
    process.env.DATABASE_URL = url;
    const { getDb } = await import("../server/db/client");
    const { hashPassword } = await import("../server/auth/password");
    const { makeAnnotationSet } = await import("../tests/support/annotation-factories");
    const password = `pw-${randomUUID()}`;
    // One Argon2id hash for every bench account: sign-in still verifies it, seeding takes no minute.
    const passwordHash = await hashPassword(password);
    const total = Math.max(annotatorCount, mode === "closed" ? 0 : openAnnotators);
    const users = Array.from({ length: total }, (_, i) => ({ id: randomUUID(), email: `load-${i}@bench.arbiter`, name: `Load ${i}`, role: "ANNOTATOR" as const, passwordHash }));
    await getDb().user.createMany({ data: users });
    const set = await makeAnnotationSet({ memberIds: users.map((u) => u.id), prompts: promptCount, candidatesPerPrompt: 3, overlap });
    await getDb().$executeRawUnsafe("ANALYZE");
    console.log(`Set: ${promptCount} prompts x 3 candidates, overlap ${overlap}; ${total} annotators.`);

    const distDir = process.env.ARBITER_DIST_DIR || ".next-bench-load";
    // The app server's settings that shape these figures, printed with them (unset: the app's defaults).
    const appSettings = ["DATABASE_POOL_SIZE", "ARBITER_HTTP_CONCURRENCY", "ARBITER_HTTP_QUEUE", "ARBITER_HTTP_TARGET_DELAY_MS"].map((name) => `${name}=${process.env[name] ?? "unset"}`).join(" ");
    if (process.env.SKIP_BUILD === "1") {
      // Serve the build in distDir as it is: for trying settings or scripts/serve.mjs (which no build contains).
      console.log(`Serving the build in ${distDir} as it is (SKIP_BUILD=1).`);
    } else {
      console.log(`Building the app into ${distDir} if its sources changed...`);
      await buildIfChanged({ distDir, quiet: true });
    }
    if (profileDir) await mkdir(profileDir, { recursive: true });
    // Every app server of the run shares the secrets (a session cookie is good on each) and the database.
    const authSecret = randomBytes(32).toString("base64url");
    const encryptionKey = randomBytes(32).toString("base64");
    // The adaptive admission cap of each app server over time (serve.mjs tells its changes over IPC).
    const capTrace = new Map<ChildProcess, { at: number; limit: number }[]>();
    const startApp = async ({ APP_DIR: appDir, ...extraEnv }: Record<string, string>): Promise<{ child: ChildProcess; origin: string }> => {
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      // --cpu-prof is refused in NODE_OPTIONS (exit code 9): it goes on the command line.
      const child = spawn(process.execPath, [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "scripts/serve.mjs"], {
        // APP_DIR (COMPARE only): another checkout's scripts/serve.mjs and its build in its own distDir.
        cwd: appDir ? path.resolve(appDir) : process.cwd(),
        stdio: ["ignore", "ignore", "inherit", "ipc"],
        env: {
          ...process.env,
          ...extraEnv,
          DATABASE_URL: url,
          AUTH_SECRET: authSecret,
          ARBITER_ENCRYPTION_KEY: encryptionKey,
          NEXTAUTH_URL: origin,
          PORT: String(port),
          HOST: "127.0.0.1",
          NODE_ENV: "production",
          ARBITER_DIST_DIR: distDir,
          NODE_OPTIONS: "",
        },
      });
      apps.push(child);
      capTrace.set(child, []);
      child.on("message", (message: { admissionLimit?: number }) => {
        if (typeof message?.admissionLimit === "number") capTrace.get(child)!.push({ at: performance.now(), limit: message.admissionLimit });
      });
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      await Promise.race([
        new Promise<void>((resolve) => child.once("message", () => resolve())),
        exited.then((code) => Promise.reject(new Error(`the app exited (${code}) before listening`))),
      ]);
      return { child, origin };
    };
    const started0 = await startApp({});
    app = started0.child;
    const origin = started0.origin;

    // Sign in over HTTP, five at a time (Argon2id is deliberately slow).
    const annotators: Annotator[] = [];
    for (let i = 0; i < users.length; i += 5) {
      annotators.push(
        ...(await Promise.all(
          users.slice(i, i + 5).map(async (user) => {
            const session = new HttpSession(origin);
            await session.signIn(origin, user.email, password);
            return { id: user.id, email: user.email, cookie: session.cookieHeader() };
          }),
        )),
      );
    }

    type CapTally = { weighted: number; ms: number; low: number; high: number };
    const newCapTally = (): CapTally => ({ weighted: 0, ms: 0, low: Infinity, high: -Infinity });
    /** Adds the admission cap of `child` from `from` to `to` (performance.now()) to `tally`: time-weighted, with its lowest and highest. */
    const addCap = (tally: CapTally, child: ChildProcess, from: number, to: number): CapTally => {
      const trace = capTrace.get(child) ?? [];
      for (let i = 0; i < trace.length; i++) {
        const start = Math.max(from, trace[i]!.at);
        const end = Math.min(to, trace[i + 1]?.at ?? to);
        if (end <= start) continue;
        tally.weighted += trace[i]!.limit * (end - start);
        tally.low = Math.min(tally.low, trace[i]!.limit);
        tally.high = Math.max(tally.high, trace[i]!.limit);
      }
      tally.ms += to - from;
      return tally;
    };
    const capText = (tally: CapTally) => (tally.high === -Infinity ? "admission cap not reported (an app server of a checkout before it was)" : `admission cap ${(tally.weighted / tally.ms).toFixed(1)} on average (${tally.low}-${tally.high})`);

    type Target = { label: string; origin: string; pool: Pool; pid: number | undefined; child: ChildProcess };
    const primary: Target = { label: "as configured", origin, pool: new Pool(origin, { connections: total, pipelining: 1 }), pid: app.pid, child: app };
    const pool = primary.pool;
    let target = primary;
    const send = async (stats: Stats, annotator: Annotator, method: "GET" | "POST", pathname: string, body?: unknown): Promise<unknown> => {
      const started = performance.now();
      try {
        const response = await target.pool.request({
          path: pathname,
          method,
          headers: { origin: target.origin, cookie: annotator.cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.body.text();
        stats.add(performance.now() - started, response.statusCode);
        return response.statusCode < 400 ? JSON.parse(text) : undefined;
      } catch (error) {
        stats.fail((error as Error).name);
        return undefined;
      }
    };
    type Claimed = { item: { assignmentId: string; candidates: { id: string }[] } | null };
    const judge = async (annotator: Annotator, claims: Stats, submits: Stats): Promise<"done" | "empty" | "failed"> => {
      const claimed = (await send(claims, annotator, "POST", `/api/annotation/prompt-sets/${set.id}/claim`, {})) as Claimed | undefined;
      if (!claimed) return "failed";
      if (!claimed.item) return "empty";
      const submitted = await send(submits, annotator, "POST", "/api/annotation/judgments", {
        assignmentId: claimed.item.assignmentId,
        idempotencyKey: randomUUID(),
        shown: claimed.item.candidates.map((c) => c.id),
        verdict: { kind: "pairwise", verdict: "A" },
        timeSpentMs: 1000,
      });
      return submitted ? "done" : "failed";
    };
    // /api/health on a connection of its own, every 50 ms while a phase runs.
    const probeHealth = (stats: Stats, until: () => boolean) =>
      (async () => {
        const client = new Client(target.origin);
        while (!until()) {
          const started = performance.now();
          try {
            const response = await client.request({ path: "/api/health", method: "GET" });
            await response.body.text();
            stats.add(performance.now() - started, response.statusCode);
          } catch (error) {
            stats.fail((error as Error).name);
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.close();
      })();

    // Warm-up (not counted): every route compiled and every connection open.
    const active = annotators.slice(0, annotatorCount);
    const warmUp = async () => {
      const warm = new Stats();
      await Promise.all(active.map(async (annotator) => {
        await send(warm, annotator, "POST", "/api/ping", {});
        await judge(annotator, warm, warm);
      }));
    };
    await warmUp();

    // The closed loop's two phases against `target`, each for SECONDS with /api/health probed beside it:
    // the no-op floor, then claim + submit. Each returns its time and the CPU times around it.
    const floorPhase = async (ping: Stats, pingHealth: Stats) => {
      let stop = false;
      const started = performance.now();
      const cpuBefore = cpuTimes(target.pid);
      setTimeout(() => (stop = true), seconds * 1000);
      const probe = probeHealth(pingHealth, () => stop);
      await Promise.all(active.map(async (annotator) => {
        while (!stop) await send(ping, annotator, "POST", "/api/ping", {});
      }));
      const ms = performance.now() - started;
      const cpuAfter = cpuTimes(target.pid);
      await probe;
      return { ms, cpuBefore, cpuAfter };
    };
    const loadPhase = async (claims: Stats, submits: Stats, health: Stats) => {
      let stop = false;
      let judged = 0;
      let ranOut = 0;
      const started = performance.now();
      const cpuBefore = cpuTimes(target.pid);
      setTimeout(() => (stop = true), seconds * 1000);
      const probe = probeHealth(health, () => stop);
      await Promise.all(active.map(async (annotator) => {
        while (!stop) {
          const outcome = await judge(annotator, claims, submits);
          if (outcome === "done") judged++;
          if (outcome === "empty") {
            ranOut++;
            return;
          }
        }
      }));
      const ms = performance.now() - started;
      const cpuAfter = cpuTimes(target.pid);
      await probe;
      return { ms, cpuBefore, cpuAfter, judged, ranOut };
    };

    // COMPARE: the same load against app servers that differ only in their environment, on the same
    // database at the same time, taken in turn (ROUNDS rounds, the order rotated each round), so that the
    // machine's changing load falls on every variant alike rather than on whichever ran last.
    const variants = parseCompare(process.env.COMPARE);
    if (variants.length) {
      const rounds = Number(process.env.ROUNDS ?? 3);
      const targets: Target[] = [primary];
      for (const variant of variants) {
        const started = await startApp(variant.env);
        targets.push({ label: variant.label, origin: started.origin, pool: new Pool(started.origin, { connections: total, pipelining: 1 }), pid: started.child.pid, child: started.child });
      }
      type Tally = { ping: Stats; pingHealth: Stats; pingMs: number; pingCpu: number; claims: Stats; submits: Stats; health: Stats; loadMs: number; loadCpu: number; pgCpu: number; judged: number; ranOut: number; pingCap: CapTally; loadCap: CapTally };
      const tallies = new Map<Target, Tally>();
      for (const each of targets) {
        target = each;
        if (each !== primary) await warmUp();
        tallies.set(each, { ping: new Stats(), pingHealth: new Stats(), pingMs: 0, pingCpu: 0, claims: new Stats(), submits: new Stats(), health: new Stats(), loadMs: 0, loadCpu: 0, pgCpu: 0, judged: 0, ranOut: 0, pingCap: newCapTally(), loadCap: newCapTally() });
      }
      console.log(`\nCompare: ${targets.length} app servers, ${rounds} rounds of ${seconds} s floor + ${seconds} s claim/submit each, ${annotatorCount} annotators; "as configured": ${appSettings}`);
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < targets.length; i++) {
          const each = targets[(i + round) % targets.length]!;
          const tally = tallies.get(each)!;
          target = each;
          const floor = await floorPhase(tally.ping, tally.pingHealth);
          tally.pingMs += floor.ms;
          tally.pingCpu += floor.cpuAfter.app - floor.cpuBefore.app;
          addCap(tally.pingCap, each.child, floor.cpuBefore.at, floor.cpuAfter.at);
          const load = await loadPhase(tally.claims, tally.submits, tally.health);
          tally.loadMs += load.ms;
          tally.loadCpu += load.cpuAfter.app - load.cpuBefore.app;
          addCap(tally.loadCap, each.child, load.cpuBefore.at, load.cpuAfter.at);
          tally.pgCpu += load.cpuAfter.postgres - load.cpuBefore.postgres;
          tally.judged += load.judged;
          tally.ranOut += load.ranOut;
        }
      }
      const base = tallies.get(primary)!;
      for (const each of targets) {
        const tally = tallies.get(each)!;
        const rate = (tally.judged / tally.loadMs) * 1000;
        console.log(`\n  ${each.label}: ${rate.toFixed(1)} judgments/s (${(rate / ((base.judged / base.loadMs) * 1000)).toFixed(2)}x "as configured"); app CPU ${(tally.pingCpu / Math.max(1, tally.ping.samples.length)).toFixed(2)} ms per no-op, ${(tally.loadCpu / Math.max(1, tally.judged)).toFixed(2)} ms per judgment; Postgres ${(tally.pgCpu / Math.max(1, tally.judged)).toFixed(2)} ms per judgment${tally.ranOut ? ` (${tally.ranOut} annotators ran out of prompts: raise PROMPTS)` : ""}`);
        line("no-op POST /api/ping (floor)", tally.ping, tally.pingMs);
        line("/api/health during the floor", tally.pingHealth);
        line("claim", tally.claims, tally.loadMs);
        line("submit", tally.submits, tally.loadMs);
        line("/api/health during the load", tally.health);
        console.log(`  floor: ${capText(tally.pingCap)}; claim + submit: ${capText(tally.loadCap)}`);
      }
      for (const each of targets) await each.pool.close();
      return;
    }

    if (mode !== "open") {
      // Phase 1: the floor.
      const ping = new Stats();
      const pingHealth = new Stats();
      const floor = await floorPhase(ping, pingHealth);

      // Phase 2: claim and submit.
      const claims = new Stats();
      const submits = new Stats();
      const health = new Stats();
      const before = await getDb().judgment.count({ where: { promptSetId: set.id } });
      const { ms: elapsed, cpuBefore: loadCpu, cpuAfter: loadCpuAfter, judged, ranOut } = await loadPhase(claims, submits, health);
      const stored = (await getDb().judgment.count({ where: { promptSetId: set.id } })) - before;

      console.log(`\nClosed loop: ${annotatorCount} annotators over HTTP, ${seconds} s per phase, ${appSettings}`);
      console.log(`  judgments: ${judged} acknowledged, ${stored} stored, ${((judged / elapsed) * 1000).toFixed(1)} judgments/s${ranOut ? ` (${ranOut} annotators ran out of prompts: raise PROMPTS)` : ""}`);
      line("no-op POST /api/ping (floor)", ping, floor.ms);
      line("/api/health during the floor", pingHealth);
      line("claim", claims, elapsed, ping);
      line("submit", submits, elapsed, ping);
      line("/api/health during the load", health, undefined, pingHealth);
      cpuLine("no-op /api/ping", floor.cpuBefore, floor.cpuAfter, ping.samples.length + pingHealth.samples.length);
      cpuLine("judgment (claim+submit)", loadCpu, loadCpuAfter, Math.max(1, judged));
      const floorCap = addCap(newCapTally(), app, floor.cpuBefore.at, floor.cpuAfter.at);
      const loadCap = addCap(newCapTally(), app, loadCpu.at, loadCpuAfter.at);
      console.log(`  floor: ${capText(floorCap)}; claim + submit: ${capText(loadCap)}`);
    }

    if (mode !== "closed") {
      const active = annotators.slice(0, openAnnotators);
      const claims = new Stats();
      const submits = new Stats();
      const health = new Stats();
      let judged = 0;
      let lateStarts = 0;
      let stop = false;
      const runs: Promise<unknown>[] = [];
      const started = performance.now();
      const openCpu = cpuTimes(app.pid);
      setTimeout(() => (stop = true), openSeconds * 1000);
      const healthRun = probeHealth(health, () => stop);
      // Each annotator starts a judgment at its own phase, then every INTERVAL_MS on schedule: a slow
      // answer does not delay the next start (open loop), so queueing shows in the latencies.
      await Promise.all(active.map(async (annotator, i) => {
        const phase = (i * intervalMs) / active.length;
        for (let k = 0; ; k++) {
          const due = started + phase + k * intervalMs;
          if (due - started >= openSeconds * 1000) break;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          else lateStarts++;
          runs.push(
            judge(annotator, claims, submits).then((outcome) => {
              if (outcome === "done") judged++;
            }),
          );
        }
      }));
      await Promise.all(runs);
      stop = true;
      await healthRun;
      const elapsed = performance.now() - started;
      const openCpuAfter = cpuTimes(app.pid);
      console.log(`\nOpen loop: ${openAnnotators} annotators, one judgment every ${intervalMs / 1000} s each, ${openSeconds} s (${judged} judgments, ${((judged / elapsed) * 1000).toFixed(1)}/s offered ${((openAnnotators * 1000) / intervalMs).toFixed(1)}/s${lateStarts ? `, ${lateStarts} starts late` : ""}), ${appSettings}`);
      line("claim", claims, elapsed);
      line("submit", submits, elapsed);
      line("/api/health during the load", health);
      cpuLine("judgment (claim+submit)", openCpu, openCpuAfter, Math.max(1, judged));
      console.log(`  ${capText(addCap(newCapTally(), app, openCpu.at, openCpuAfter.at))}`);
      for (const [label, stats] of [["claim", claims], ["submit", submits]] as const) {
        const p99 = quantile(stats.ok(), 0.99);
        console.log(`  ${label} p99 ${p99.toFixed(1)} ms against the ${OPEN_AIM_MS} ms aim: ${p99 < OPEN_AIM_MS ? "met" : "NOT met"}`);
      }
    }
    await pool.close();
  } finally {
    const running = apps.filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(
      running.map((child) => {
        const gone = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        return gone;
      }),
    );
    if (running.length && profileDir) console.log(`\nCPU profile of the app server written to ${profileDir}`);
    await server.stop();
  }
}

await main();
process.exit(0);
