import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describeError } from "@/lib/describe-error";
import { getDb } from "../db/client";
import { HEARTBEAT_FRESH_MS } from "../worker/heartbeat";

export type Readiness = {
  ok: boolean;
  database: "up" | "down";
  /** Migrations in this build's prisma/migrations that the database has not applied. */
  pendingMigrations: string[];
  /** Worker processes whose heartbeat is younger than HEARTBEAT_FRESH_MS. */
  freshWorkers: number;
  /** The process received SIGTERM and is finishing its requests in flight (scripts/serve.mjs). */
  draining: boolean;
  problems: string[];
};

const globalForServe = globalThis as unknown as { arbiterDraining?: boolean };

/**
 * Whether this app instance should get traffic: its database answers, has every migration this build
 * knows (a database ahead of the build is fine: new instances migrate before old ones stop), at least
 * one worker beat recently (queued generation and exports would otherwise wait for ever), and the
 * instance is not shutting down. No actor: it says nothing about the data.
 */
export async function checkReadiness(): Promise<Readiness> {
  const draining = globalForServe.arbiterDraining === true;
  const problems: string[] = [];
  if (draining) problems.push("shutting down");
  let database: Readiness["database"] = "up";
  let pendingMigrations: string[] = [];
  let freshWorkers = 0;
  try {
    const db = getDb();
    const [applied, workers, known] = await Promise.all([
      db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      db.workerHeartbeat.count({ where: { beatAt: { gt: new Date(Date.now() - HEARTBEAT_FRESH_MS) } } }),
      migrationsOfThisBuild(),
    ]);
    const done = new Set(applied.map((row) => row.migration_name));
    pendingMigrations = known.filter((name) => !done.has(name));
    freshWorkers = workers;
  } catch (error) {
    console.error(`Readiness: the database is unreachable or not migrated: ${describeError(error)}`);
    database = "down";
    problems.push("database unreachable or not migrated");
  }
  if (pendingMigrations.length) problems.push(`${pendingMigrations.length} migration(s) not applied (run: npm run migrate)`);
  if (database === "up" && freshWorkers === 0) problems.push(`no worker heartbeat in the last ${HEARTBEAT_FRESH_MS / 1000} s (start one: npm run worker)`);
  return { ok: problems.length === 0, database, pendingMigrations, freshWorkers, draining, problems };
}

let migrationNames: Promise<string[]> | undefined;

/** The migration folders shipped with this build (read once; the app runs from its repository folder). */
function migrationsOfThisBuild(): Promise<string[]> {
  migrationNames ??= readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).then((entries) =>
    entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort(),
  );
  migrationNames.catch(() => (migrationNames = undefined));
  return migrationNames;
}
