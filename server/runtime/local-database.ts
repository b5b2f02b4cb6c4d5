import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadOrCreateSecrets, resolveDataDir, type LocalSecrets } from "./data-dir";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded-postgres";

/** The embedded default's cluster, in `<data dir>/pgdata`, on ARBITER_PG_PORT (54329), with its `arbiter` database. */
export async function startLocalCluster(dataDir: string, secrets: LocalSecrets): Promise<EmbeddedPostgresHandle & { port: number; pgData: string }> {
  const port = Number(process.env.ARBITER_PG_PORT || 54329);
  const pgData = path.join(dataDir, "pgdata");
  const cluster = await startEmbeddedPostgres({ dataDir: pgData, port, user: "arbiter", password: secrets.databasePassword, persistent: true });
  await cluster.createDatabase("arbiter");
  return { ...cluster, port, pgData };
}

/**
 * For the command-line tools: DATABASE_URL when set; else the embedded default's database, reached
 * where the running app left it, or started for the duration of `work` when the app is not running.
 */
export async function withLocalDatabase<T>(work: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const dataDir = resolveDataDir();
  const pgData = path.join(dataDir, "pgdata");
  const secrets = await loadOrCreateSecrets(dataDir);
  const url = (port: number) => `postgresql://arbiter:${encodeURIComponent(secrets.databasePassword)}@127.0.0.1:${port}/arbiter`;

  const runningPort = await runningClusterPort(pgData);
  if (runningPort) return work(url(runningPort));

  const cluster = await startLocalCluster(dataDir, secrets);
  try {
    return await work(cluster.urlFor("arbiter"));
  } finally {
    await cluster.stop();
  }
}

/** postmaster.pid holds the pid on line 1 and the port on line 4. */
async function runningClusterPort(pgData: string): Promise<number | null> {
  const lines = (await readFile(path.join(pgData, "postmaster.pid"), "utf8").catch(() => "")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}
