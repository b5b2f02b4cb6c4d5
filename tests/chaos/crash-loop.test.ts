// The crash loop: `npm start` (scripts/start.ts, embedded Postgres, the production build) with 20
// annotators judging through HTTP while the app server is SIGKILLed 5 times, Postgres twice and the
// worker once. The supervisor must bring each back; every judgment the app acknowledged must be stored
// exactly once; the queue must end empty with no lease left active; Ctrl-C (here SIGTERM, what start
// sends on) with Postgres gone must stop everything within 10 s. Loopback only, bounded loops.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../support/test-postgres";

const root = path.join(process.cwd(), ".test-run", `chaos-${process.pid}`);
const dataDir = path.join(root, "data");
const ANNOTATORS = 20;
const PROMPTS = 120;
const KILLS = ["app", "app", "postgres", "app", "worker", "app", "postgres", "app"] as const;

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n--- npm start output (tail) ---\n${output.slice(-4000)}`);
    await sleep(intervalMs);
  }
}

/** A minimal cookie jar over fetch, enough for next-auth's session cookie. */
class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  async request(method: string, pathname: string, body?: unknown, { form = false, timeoutMs = 5_000 } = {}): Promise<Response> {
    const headers: Record<string, string> = { origin: this.baseUrl, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = form ? "application/x-www-form-urlencoded" : "application/json";
      payload = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${pathname}`, { method, headers, body: payload, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return response;
  }

  async signIn(email: string, password: string): Promise<void> {
    // The first requests reach a cold server (and Argon2id is slow on a loaded machine): a longer wait.
    const { csrfToken } = (await (await this.request("GET", "/api/auth/csrf", undefined, { timeoutMs: 30_000 })).json()) as { csrfToken: string };
    const response = await this.request("POST", "/api/auth/callback/credentials", { csrfToken, email, password, json: "true" }, { form: true, timeoutMs: 30_000 });
    if (response.status >= 400 || ![...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
      throw new Error(`sign-in of ${email} failed: ${response.status}`);
    }
  }
}

type Item = { assignmentId: string; candidates: { id: string }[] };

it(
  "keeps every acknowledged judgment exactly once while the app server, Postgres and the worker are killed",
  async () => {
    const began = Date.now();
    await mkdir(dataDir, { recursive: true });
    const [port, pgPort] = [await freePort(), await freePort()];
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, ARBITER_DATA_DIR: dataDir, ARBITER_PG_PORT: String(pgPort), PORT: String(port), HOST: "127.0.0.1", NODE_OPTIONS: "" };
    // npm start's embedded default, not the test suite's database.
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "ARBITER_ENCRYPTION_KEY", "NEXTAUTH_URL", "ARBITER_WORKER_DATABASE"]) delete env[name];
    env.ARBITER_DIST_DIR ||= ".next-e2e";
    start = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    start.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitFor("npm start to be ready", () => (output.includes("Arbiter is running at") ? true : start!.exitCode !== null ? Promise.reject(new Error(output)) : undefined), 240_000, 200);
    const startedAt = Date.now();

    // The test's own view of the database: for the fixtures and the final count.
    const secrets = JSON.parse(await readFile(path.join(dataDir, "secrets.json"), "utf8")) as { databasePassword: string };
    process.env.DATABASE_URL = `postgresql://arbiter:${encodeURIComponent(secrets.databasePassword)}@127.0.0.1:${pgPort}/arbiter`;
    process.env.AUTH_SECRET ??= "chaos-test-secret-chaos-test-secret-chaos";
    const { makeUser } = await import("../support/factories");
    const { makeAnnotationSet } = await import("../support/annotation-factories");
    const { getDb } = await import("../../server/db/client");
    // One at a time: each hashes a password (Argon2id), and twenty at once starve the pool's transaction wait.
    const users: Awaited<ReturnType<typeof makeUser>>[] = [];
    for (let i = 0; i < ANNOTATORS; i += 1) users.push(await makeUser("ANNOTATOR"));
    const set = await makeAnnotationSet({ memberIds: users.map((user) => user.id), prompts: PROMPTS, overlap: 1, leaseMinutes: 30 });
    const sessions = users.map(() => new Session(baseUrl));
    for (const [i, session] of sessions.entries()) await session.signIn(users[i]!.email, users[i]!.password);

    const healthy = async () => {
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
        return response.status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    };

    // Each annotator: claim, think a little, submit with a key made before the first send; on any
    // failure (refused connection, 5xx, timeout) resend the same key, as the browser does.
    const acknowledged: { key: string; assignmentId: string }[] = [];
    let sent = 0;
    let failures = 0;
    const failedWith = new Map<string, number>();
    const failed = (why: string) => {
      failures += 1;
      failedWith.set(why, (failedWith.get(why) ?? 0) + 1);
    };
    // Bounded: the annotators stop when the queue is empty, or 45 s after the last kill, or after 200 s.
    let chaosEndedAt = Number.POSITIVE_INFINITY;
    const hardStop = Date.now() + 200_000;
    const goOn = () => Date.now() < Math.min(hardStop, chaosEndedAt + 45_000);
    const annotate = async (session: Session) => {
      for (let rounds = 0; rounds < 400 && goOn(); rounds += 1) {
        let item: Item | null | undefined;
        try {
          const response = await session.request("POST", `/api/annotation/prompt-sets/${set.id}/claim`, {});
          if (response.status === 200) item = ((await response.json()) as { item: Item | null }).item;
          else failed(`claim ${response.status}`);
        } catch (error) {
          failed(`claim ${error instanceof Error ? error.name : "error"}`);
        }
        if (item === null) return; // the queue is empty
        if (item === undefined) {
          await sleep(200);
          continue;
        }
        await sleep(150 + Math.random() * 250);
        const key = randomUUID();
        const body = { assignmentId: item.assignmentId, idempotencyKey: key, shown: item.candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "A" } };
        for (let attempt = 0; attempt < 400 && goOn(); attempt += 1) {
          sent += 1;
          try {
            const response = await session.request("POST", "/api/annotation/judgments", body);
            if (response.status === 200) {
              acknowledged.push({ key, assignmentId: item.assignmentId });
              break;
            }
            if (response.status < 500) throw new Error(`judgment refused with ${response.status}: ${await response.text()}`);
            failed(`submit ${response.status}`);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith("judgment refused")) throw error;
            failed(`submit ${error instanceof Error ? error.name : "error"}`);
          }
          await sleep(200);
        }
      }
    };
    const annotating = Promise.all(sessions.map(annotate));

    // The kills, each on a running, healthy stack, after a moment of traffic.
    const recoveries: { kind: string; seconds: number }[] = [];
    for (const kind of KILLS) {
      await waitFor("the app to be healthy before a kill", healthy, 60_000);
      await sleep(2_500);
      const pid = childPid(kind);
      const killedAt = Date.now();
      process.kill(pid, "SIGKILL");
      // Recovered: a new process of that kind runs, and the app answers with its database reachable.
      await waitFor(`the ${kind} to be restarted`, () => children().some((child) => child.pid !== pid && (kind === "app" ? /serve\.mjs/ : kind === "worker" ? /worker\.ts/ : /postgres -D/).test(child.args)) || undefined, 60_000);
      // Postgres killed with SIGKILL replays its WAL before it accepts connections: slow on a loaded machine.
      await waitFor(`the app to answer after the ${kind} was killed`, healthy, 120_000);
      recoveries.push({ kind, seconds: (Date.now() - killedAt) / 1000 });
    }
    chaosEndedAt = Date.now();
    const chaosSeconds = (Date.now() - startedAt) / 1000;
    await annotating;

    // What is stored.
    const db = getDb();
    const judgments = await db.judgment.findMany({ where: { prompt: { promptSetId: set.id } }, select: { idempotencyKey: true, promptId: true } });
    const keys = new Map<string, number>();
    for (const judgment of judgments) keys.set(judgment.idempotencyKey ?? "", (keys.get(judgment.idempotencyKey ?? "") ?? 0) + 1);
    const missing = acknowledged.filter((ack) => !keys.has(ack.key));
    const duplicates = [...keys.values()].filter((count) => count > 1).length + (judgments.length - new Set(judgments.map((j) => j.promptId)).size);
    const activeLeases = await db.assignment.count({ where: { promptId: { in: set.promptIds }, status: "ACTIVE" } });
    const judgedPrompts = new Set(judgments.map((judgment) => judgment.promptId)).size;

    // Ctrl-C with Postgres gone: everything stops within 10 s.
    await waitFor("the app to be healthy before stopping", healthy, 60_000);
    const pgPid = childPid("postgres");
    const others = children().map((child) => child.pid);
    process.kill(pgPid, "SIGKILL");
    const exited = new Promise<number | null>((resolve) => start!.once("exit", (code) => resolve(code)));
    const stopAt = Date.now();
    start.kill("SIGTERM");
    await Promise.race([exited, sleep(15_000)]);
    const stopSeconds = (Date.now() - stopAt) / 1000;
    const leftBehind = others.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });

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
      "prompts judged": `${judgedPrompts} / ${PROMPTS}`,
      kills: KILLS.join(", "),
      "recovery seconds": recoveries.map((r) => `${r.kind} ${r.seconds.toFixed(1)}`).join(", "),
      "max recovery seconds": Math.max(...recoveries.map((r) => r.seconds)).toFixed(1),
      "stop seconds (SIGTERM, Postgres gone)": stopSeconds.toFixed(1),
      "chaos seconds": chaosSeconds.toFixed(1),
      "wall seconds (with npm start)": ((Date.now() - began) / 1000).toFixed(1),
    };
    console.log(`\nCrash-loop figures:\n${Object.entries(figures).map(([k, v]) => `  ${k.padEnd(40)} ${v}`).join("\n")}\n`);

    expect(missing).toEqual([]);
    expect(duplicates).toBe(0);
    // Every acknowledged judgment is stored; a stored one may lack its acknowledgement (the app died after the commit,
    // and the resend then got the same answer back, or the deadline ended the resends).
    expect(judgments.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(judgedPrompts, "the run finished: every prompt judged").toBe(PROMPTS);
    expect(activeLeases, "no lease stuck").toBe(0);
    expect(restartLines.filter((line) => line.includes("The app server")).length).toBe(5);
    expect(restartLines.filter((line) => line.includes("Postgres")).length).toBe(2);
    expect(restartLines.filter((line) => line.includes("The worker")).length).toBe(1);
    expect(output).toContain("Postgres restarted");
    expect(stopSeconds).toBeLessThan(10);
    expect(leftBehind).toEqual([]);
  },
  420_000,
);
