// The crash loop: `npm start` (scripts/start.ts, embedded Postgres, the production build) with 20
// annotators judging through HTTP while the app server is SIGKILLed 5 times, Postgres twice and the
// worker once. The supervisor must bring each back; every judgment the app acknowledged must be stored
// exactly once; once the kills are over the annotators finish what they hold and no lease is left
// active; Ctrl-C (here SIGTERM, what start sends on) with Postgres gone must stop everything within 10 s.
// Sized by time, not by a number of prompts: the annotators judge until the last kill has recovered
// (the queue holds more than they can finish), so the step stays bounded on a loaded machine.
// Loopback only, bounded loops.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { HttpSession } from "../support/http-session";
import { freePort } from "../support/test-postgres";
import { sleep, waitFor } from "../support/wait-for";

const root = path.join(process.cwd(), ".test-run", `chaos-${process.pid}`);
const dataDir = path.join(root, "data");
const ANNOTATORS = 20;
/** More than 20 annotators judge in the minute the kills take: the queue never runs dry. */
const PROMPTS = 3000;
/** The worker is killed together with the first app server kill; the others one at a time. */
const KILLS = [["app", "worker"], ["postgres"], ["app"], ["app"], ["postgres"], ["app"], ["app"]] as const;
/** Acknowledged judgments between two kills: each kill lands on a stack that is taking work. */
const ACKS_BETWEEN_KILLS = 5;
/** The whole test gives up (and fails) after this: nothing in it may wait without a bound. */
const HARD_STOP_MS = 150_000;

let start: ChildProcess | undefined;
let output = "";

afterAll(async () => {
  if (start && start.exitCode === null && start.signalCode === null) {
    // The test failed midway: take everything down (start's children first, they are ours).
    for (const child of children()) tryKill(child.pid, "SIGKILL");
    start.kill("SIGKILL");
  }
  await rm(root, { recursive: true, force: true });
});

/** start.ts's own children: the app server, the worker, the postmaster. */
function children(): { pid: number; args: string }[] {
  if (!start?.pid) return [];
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(start.pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ pid: Number(line.split(/\s+/)[0]), args: line.replace(/^\d+\s+/, "") }));
  } catch {
    return []; // ps exits 1 when there is none
  }
}

function childPid(kind: "app" | "worker" | "postgres"): number {
  const pattern = { app: /scripts\/serve\.mjs/, worker: /scripts\/worker\.ts/, postgres: /postgres -D/ }[kind];
  const found = children().find((child) => pattern.test(child.args));
  if (!found) throw new Error(`no ${kind} process under npm start; its children: ${JSON.stringify(children())}`);
  return found.pid;
}

function tryKill(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** waitFor, with the tail of npm start's output when it times out. */
const waitForStack = <T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, intervalMs = 100) =>
  waitFor(what, check, timeoutMs, { intervalMs, context: () => `--- npm start output (tail) ---\n${output.slice(-4000)}` });

type Item = { assignmentId: string; expiresAt: string; candidates: { id: string }[] };

const LEASE_MINUTES = 30;

it(
  "keeps every acknowledged judgment exactly once while the app server, Postgres and the worker are killed",
  async () => {
    const began = Date.now();
    const hardStop = began + HARD_STOP_MS;
    await mkdir(dataDir, { recursive: true });
    const [port, pgPort] = [await freePort(), await freePort()];
    const baseUrl = `http://127.0.0.1:${port}`;
    // ARBITER_RESTART_DELAY_MS: the supervisor's first wait before a restart (doubling with each crash in a
    // row, as in production); 100 ms instead of 500 ms keeps five app crashes at 3 s of waiting, not 15.5 s.
    const env: NodeJS.ProcessEnv = { ...process.env, ARBITER_DATA_DIR: dataDir, ARBITER_PG_PORT: String(pgPort), PORT: String(port), HOST: "127.0.0.1", NODE_OPTIONS: "", ARBITER_RESTART_DELAY_MS: "100" };
    // npm start's embedded default, not the test suite's database.
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "ARBITER_ENCRYPTION_KEY", "NEXTAUTH_URL", "ARBITER_WORKER_DATABASE"]) delete env[name];
    env.ARBITER_DIST_DIR ||= ".next-e2e";
    start = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    start.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitForStack("npm start to be ready", () => (output.includes("Arbiter is running at") ? true : start!.exitCode !== null ? Promise.reject(new Error(output)) : undefined), 90_000, 100);
    const startedAt = Date.now();

    // The test's own view of the database: for the fixtures and the final count.
    const secrets = JSON.parse(await readFile(path.join(dataDir, "secrets.json"), "utf8")) as { databasePassword: string };
    process.env.DATABASE_URL = `postgresql://arbiter:${encodeURIComponent(secrets.databasePassword)}@127.0.0.1:${pgPort}/arbiter`;
    process.env.AUTH_SECRET ??= "chaos-test-secret-chaos-test-secret-chaos";
    const { makeUser } = await import("../support/factories");
    const { makeAnnotationSet } = await import("../support/annotation-factories");
    const { getDb } = await import("../../server/db/client");
    const db = getDb();
    // One annotator through the real service (Argon2id), nineteen more sharing its password hash: hashing
    // twenty passwords one by one cost seconds on a loaded machine and tests nothing here.
    const first = await makeUser("ANNOTATOR");
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: first.id }, select: { passwordHash: true } });
    const others = Array.from({ length: ANNOTATORS - 1 }, (_, i) => ({ id: randomUUID(), email: `chaos-${i}-${randomUUID().slice(0, 8)}@test.arbiter`, name: `Chaos ${i}`, role: "ANNOTATOR" as const, passwordHash }));
    await db.user.createMany({ data: others });
    const users = [first, ...others.map((user) => ({ ...user, password: first.password }))];
    const set = await makeAnnotationSet({ memberIds: users.map((user) => user.id), prompts: PROMPTS, overlap: 1, leaseMinutes: LEASE_MINUTES });
    const sessions = users.map(() => new HttpSession(baseUrl));
    // Four sign-ins at a time: each is an Argon2id verification on the server.
    for (let i = 0; i < sessions.length; i += 4) await Promise.all(sessions.slice(i, i + 4).map((session, j) => session.signIn(baseUrl, users[i + j]!.email, users[i + j]!.password)));
    const setupSeconds = (Date.now() - startedAt) / 1000;

    const healthy = async () => {
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
        return response.status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    };

    // Each annotator: claim, think a little, submit with a key made before the first send; on any
    // failure (refused connection, 5xx, timeout) resend the same key, as the browser does, waiting longer
    // after each failure in a row (200 ms doubling to 2 s, with jitter): twenty clients resending every
    // 200 ms into a restarting server on a loaded machine were most of its load.
    const acknowledged: { key: string; assignmentId: string }[] = [];
    let sent = 0;
    let failures = 0;
    const failedWith = new Map<string, number>();
    const failed = (why: string) => {
      failures += 1;
      failedWith.set(why, (failedWith.get(why) ?? 0) + 1);
    };
    const pause = (failuresInARow: number) => sleep(Math.min(2_000, 200 * 2 ** Math.max(0, failuresInARow - 1)) * (0.5 + Math.random() / 2));
    let isClaiming = true;
    const submit = async (session: HttpSession, item: Item): Promise<void> => {
      const key = randomUUID();
      const body = { assignmentId: item.assignmentId, idempotencyKey: key, shown: item.candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "A" } };
      for (let attempt = 1; Date.now() < hardStop; attempt += 1) {
        sent += 1;
        try {
          const response = await session.request(baseUrl, "POST", "/api/annotation/judgments", body, { timeoutMs: 15_000 });
          if (response.status === 200) {
            acknowledged.push({ key, assignmentId: item.assignmentId });
            return;
          }
          if (response.status < 500) throw new Error(`judgment refused with ${response.status}: ${await response.text()}`);
          failed(`submit ${response.status}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("judgment refused")) throw error;
          failed(`submit ${error instanceof Error ? error.name : "error"}`);
        }
        await pause(attempt);
      }
      throw new Error(`gave up resending judgment ${key} at the hard stop`);
    };
    /** The next item: a lease this annotator holds (one whose reply was lost comes back first), else a new one. */
    const claim = async (session: HttpSession): Promise<Item | null> => {
      for (let attempt = 1; Date.now() < hardStop; attempt += 1) {
        try {
          const response = await session.request(baseUrl, "POST", `/api/annotation/prompt-sets/${set.id}/claim`, {}, { timeoutMs: 15_000 });
          if (response.status === 200) return ((await response.json()) as { item: Item | null }).item;
          if (response.status < 500) throw new Error(`claim refused with ${response.status}: ${await response.text()}`);
          failed(`claim ${response.status}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("claim refused")) throw error;
          failed(`claim ${error instanceof Error ? error.name : "error"}`);
        }
        await pause(attempt);
      }
      throw new Error("gave up claiming at the hard stop");
    };
    const annotate = async (session: HttpSession) => {
      while (isClaiming) {
        const item = await claim(session);
        if (item === null) return; // the queue is empty
        await sleep(300 + Math.random() * 400); // reading the answers
        await submit(session, item);
      }
      // The kills are over: finish what this annotator still holds. A lease whose claim reply was lost
      // comes back first; the first lease taken after this point is the last one to judge.
      const drainedAt = Date.now();
      for (;;) {
        const item = await claim(session);
        if (item === null) return;
        await submit(session, item);
        if (new Date(item.expiresAt).getTime() - LEASE_MINUTES * 60_000 >= drainedAt - 1_000) return;
      }
    };
    const annotating = Promise.all(sessions.map(annotate));
    annotating.catch(() => {}); // awaited below; an early failure must not be an unhandled rejection meanwhile

    // The kills, each on a healthy stack that has acknowledged judgments since the last recovery.
    const recoveries: { kind: string; seconds: number }[] = [];
    for (const kinds of KILLS) {
      const acksBefore = acknowledged.length;
      await waitForStack("the app to be healthy and taking judgments before a kill", async () => ((await healthy()) && acknowledged.length >= acksBefore + ACKS_BETWEEN_KILLS ? true : undefined), 60_000);
      const pids = kinds.map((kind) => ({ kind, pid: childPid(kind) }));
      const killedAt = Date.now();
      for (const { pid } of pids) process.kill(pid, "SIGKILL");
      // Recovered: a new process of each kind runs, and the app answers with its database reachable.
      for (const { kind, pid } of pids) {
        const pattern = { app: /serve\.mjs/, worker: /worker\.ts/, postgres: /postgres -D/ }[kind];
        await waitForStack(`the ${kind} to be restarted`, () => children().some((child) => child.pid !== pid && pattern.test(child.args)) || undefined, 30_000);
      }
      // Postgres killed with SIGKILL replays its WAL before it accepts connections.
      await waitForStack(`the app to answer after the ${kinds.join(" and ")} was killed`, healthy, 60_000);
      recoveries.push({ kind: kinds.join("+"), seconds: (Date.now() - killedAt) / 1000 });
    }
    const chaosSeconds = (Date.now() - startedAt) / 1000 - setupSeconds;
    isClaiming = false;
    await annotating;

    // What is stored.
    const judgments = await db.judgment.findMany({ where: { prompt: { promptSetId: set.id } }, select: { idempotencyKey: true, promptId: true } });
    const keys = new Map<string, number>();
    for (const judgment of judgments) keys.set(judgment.idempotencyKey ?? "", (keys.get(judgment.idempotencyKey ?? "") ?? 0) + 1);
    const missing = acknowledged.filter((ack) => !keys.has(ack.key));
    const duplicates = [...keys.values()].filter((count) => count > 1).length + (judgments.length - new Set(judgments.map((j) => j.promptId)).size);
    const activeLeases = await db.assignment.count({ where: { promptSetId: set.id, status: "ACTIVE" } });
    const judgedPrompts = new Set(judgments.map((judgment) => judgment.promptId)).size;

    // Ctrl-C with Postgres gone: everything stops within 10 s.
    await waitForStack("the app to be healthy before stopping", healthy, 30_000);
    const pgPid = childPid("postgres");
    const running = children();
    process.kill(pgPid, "SIGKILL");
    const exited = new Promise<number | null>((resolve) => start!.once("exit", (code) => resolve(code)));
    const stopAt = Date.now();
    start.kill("SIGTERM");
    await Promise.race([exited, sleep(15_000)]);
    const stopSeconds = (Date.now() - stopAt) / 1000;
    // Its children are gone within the same 10 s (a SIGKILLed one may take a moment to be reaped).
    const alive = () =>
      running.filter(({ pid }) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
    const leftBehind = await waitForStack("npm start's children to be gone", () => (alive().length === 0 ? [] : undefined), Math.max(0, stopAt + 10_000 - Date.now())).catch(() => alive());

    const restartLines = output.split("\n").filter((line) => /exited unexpectedly/.test(line));
    const figures = {
      annotators: ANNOTATORS,
      acknowledged: acknowledged.length,
      stored: judgments.length,
      "acknowledged but missing": missing.length,
      duplicates,
      "submit requests sent": sent,
      "failed requests (retried)": `${failures} (${[...failedWith].map(([why, n]) => `${why}: ${n}`).join(", ")})`,
      "active leases left": activeLeases,
      "prompts judged": `${judgedPrompts} of ${PROMPTS} in the queue`,
      kills: KILLS.map((kinds) => kinds.join("+")).join(", "),
      "recovery seconds": recoveries.map((r) => `${r.kind} ${r.seconds.toFixed(1)}`).join(", "),
      "max recovery seconds": Math.max(...recoveries.map((r) => r.seconds)).toFixed(1),
      "stop seconds (SIGTERM, Postgres gone)": stopSeconds.toFixed(1),
      "npm start seconds": ((startedAt - began) / 1000).toFixed(1),
      "setup seconds (users, set, sign-ins)": setupSeconds.toFixed(1),
      "chaos seconds": chaosSeconds.toFixed(1),
      "wall seconds (with npm start)": ((Date.now() - began) / 1000).toFixed(1),
    };
    console.log(`\nCrash-loop figures:\n${Object.entries(figures).map(([k, v]) => `  ${k.padEnd(40)} ${v}`).join("\n")}\n`);

    expect(missing).toEqual([]);
    expect(duplicates).toBe(0);
    // Every acknowledged judgment is stored; a stored one may lack its acknowledgement (the app died after
    // the commit, and the resend then got the same answer back).
    expect(judgments.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(acknowledged.length, "judgments went through between the kills").toBeGreaterThanOrEqual(ACKS_BETWEEN_KILLS * KILLS.length);
    expect(activeLeases, "no lease stuck: every claimed prompt was judged").toBe(0);
    expect(restartLines.filter((line) => line.includes("The app server")).length).toBe(5);
    expect(restartLines.filter((line) => line.includes("Postgres")).length).toBe(2);
    expect(restartLines.filter((line) => line.includes("The worker")).length).toBe(1);
    expect(output).toContain("Postgres restarted");
    expect(stopSeconds).toBeLessThan(10);
    expect(leftBehind).toEqual([]);
  },
  HARD_STOP_MS + 30_000,
);
