// What the tests that run the deployed processes side by side share (tests/cluster): launching app
// instances (`scripts/serve.mjs`, what `npm run serve` runs) and workers (`scripts/worker.ts`) with one
// configuration, waiting on them with their output at hand, the test's own view of the database with
// its fixtures, and an export read back over HTTP with its checksums checked. Loopback only.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { HttpSession } from "./http-session";
import { waitFor } from "./wait-for";

/** The build every instance serves (npm test makes it; built once, served many times). */
export const distDir = process.env.ARBITER_DIST_DIR || ".next-e2e";

export function requireBuild(): void {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No build in ${distDir}/: npm test builds it (or run: ARBITER_DIST_DIR=${distDir} npm run build).`);
}

export type Exit = { code: number | null; signal: string | null; at: number };
export type Proc = { name: string; child: ChildProcess; output: string; exit: Promise<Exit> };

/** The processes a test started: each one's output kept (its tail shown when a wait times out), all killed at the end. */
export class ProcessGroup {
  readonly procs: Proc[] = [];

  launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Proc {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const proc: Proc = {
      name,
      child,
      output: "",
      exit: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() }))),
    };
    const keep = (chunk: Buffer) => {
      proc.output += chunk.toString();
      if (proc.output.length > 2_000_000) proc.output = proc.output.slice(-1_000_000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.procs.push(proc);
    return proc;
  }

  /** An app instance from the build, on `port` of 127.0.0.1. */
  app(name: string, port: number, env: NodeJS.ProcessEnv): Proc {
    return this.launch(name, process.execPath, ["scripts/serve.mjs"], { ...env, PORT: String(port), HOST: "127.0.0.1" });
  }

  /** A worker process, as `npm run worker` starts it. */
  worker(name: string, env: NodeJS.ProcessEnv): Proc {
    return this.launch(name, process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], env);
  }

  /** waitFor, with each process's output tail when it times out. */
  waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, intervalMs = 100): Promise<T> {
    return waitFor(what, check, timeoutMs, { intervalMs, context: () => this.procs.map((proc) => `--- ${proc.name} (tail) ---\n${proc.output.slice(-1500)}`).join("\n") });
  }

  /** Throws with its output if any of `procs` has exited (a crash during start-up, say). */
  assertRunning(...procs: Proc[]): void {
    for (const proc of procs) {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode ?? proc.child.signalCode}:\n${proc.output.slice(-3000)}`);
    }
  }

  async killAll(): Promise<void> {
    for (const proc of this.procs) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill("SIGKILL");
    await Promise.all(this.procs.map((proc) => proc.exit));
  }
}

/** What every machine of a deployment shares: the database, the secrets, the public URL behind the load balancer. */
export function sharedEnv(databaseUrl: string, publicUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_OPTIONS: "",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ARBITER_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: publicUrl,
    ARBITER_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

/** The status of a GET, or undefined when nothing answered within 3 s. */
export async function status(url: string): Promise<number | undefined> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3_000) })).status;
  } catch {
    return undefined;
  }
}

export type ClusterFixtureOptions = {
  annotators: number;
  /** The annotation set: its prompts and overlap. */
  prompts: number;
  overlap: number;
  /** The prompt set a generation run goes over, against `endpointUrl` with `endpointConcurrency`. */
  generationPrompts: number;
  endpointUrl: string;
  endpointConcurrency: number;
  label: string;
};

/**
 * The test's own view of the database (`databaseUrl`, with the processes' secrets from `shared`), and
 * its fixtures: annotators who belong to an annotation set, an engineer, a prompt set to generate for
 * and an endpoint. Imported only now: the database client reads DATABASE_URL once per process.
 */
export async function openTestSide(databaseUrl: string, shared: NodeJS.ProcessEnv, options: ClusterFixtureOptions) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET = shared.AUTH_SECRET;
  process.env.ARBITER_ENCRYPTION_KEY = shared.ARBITER_ENCRYPTION_KEY;
  process.env.ARBITER_LOG_LEVEL = "warn";
  const { getDb } = await import("../../server/db/client");
  const { makeUser } = await import("./factories");
  const { makeAnnotationSet } = await import("./annotation-factories");
  const { makeEndpoint, makePromptSetWithPrompts } = await import("./generation-factories");
  const { startRun } = await import("../../server/services/generation/start-run");
  const { systemActor } = await import("../../server/authz/actor");

  // One user at a time: each hashes a password (Argon2id).
  const users: Awaited<ReturnType<typeof makeUser>>[] = [];
  for (let i = 0; i < options.annotators; i += 1) users.push(await makeUser("ANNOTATOR"));
  const engineer = await makeUser("ENGINEER");
  const set = await makeAnnotationSet({ memberIds: users.map((user) => user.id), prompts: options.prompts, overlap: options.overlap, leaseMinutes: 30 });
  const generationSet = await makePromptSetWithPrompts(options.generationPrompts, { label: options.label });
  const endpoint = await makeEndpoint(options.endpointUrl, { maxConcurrency: options.endpointConcurrency, timeoutMs: 20_000 });
  const startGeneration = (candidatesPerModel: number) =>
    startRun({ actor: systemActor(`${options.label} test`), promptSetId: generationSet.id, input: { endpointIds: [endpoint.id], candidatesPerModel } });
  return { db: getDb(), users, engineer, set, generationSet, endpoint, startGeneration };
}

/** Closes the test's database client, if openTestSide opened one. */
export async function closeTestSide(): Promise<void> {
  const { getDb } = await import("../../server/db/client");
  await getDb().$disconnect().catch(() => undefined);
}

/** Queues a prompt-only export of `promptSetId` on the instance at `url`; returns its id. */
export async function queueExport(session: HttpSession, url: string, name: string, promptSetId: string): Promise<string> {
  const queued = await session.request(url, "POST", "/api/exports", { name, format: "prompt-only", filters: { promptSetIds: [promptSetId] } });
  expect(queued.status).toBe(202);
  return ((await queued.json()) as { export: { id: string } }).export.id;
}

/**
 * Waits until a worker has built export `exportId` (read through the instance at `url`), then downloads
 * every file from it and checks each against its recorded SHA-256 (body and header) and row count.
 */
export async function downloadBuiltExport(group: ProcessGroup, session: HttpSession, url: string, exportId: string, timeoutMs = 30_000): Promise<{ rows: number; bytes: number }> {
  type Detail = { status: string; error: string | null; files: { path: string; sha256: string; bytes: number; rows: number | null }[] };
  const detail = await group.waitFor(
    "the export to be built by a worker",
    async () => {
      const found = ((await (await session.request(url, "GET", `/api/exports/${exportId}`)).json()) as { export: Detail }).export;
      return found.status === "QUEUED" || found.status === "RUNNING" ? undefined : found;
    },
    timeoutMs,
    200,
  );
  expect(detail.status, detail.error ?? "").toBe("SUCCEEDED");
  let rows = 0;
  let bytes = 0;
  for (const file of detail.files) {
    const response = await session.request(url, "GET", `/api/exports/${exportId}/files/${file.path}`);
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(body).digest("hex")).toBe(file.sha256);
    expect(response.headers.get("x-sha256")).toBe(file.sha256);
    if (file.path.endsWith(".jsonl")) {
      const lines = body.toString("utf8").split("\n").filter(Boolean).length;
      expect(lines).toBe(file.rows);
      rows += lines;
    }
    bytes += body.length;
  }
  return { rows, bytes };
}
