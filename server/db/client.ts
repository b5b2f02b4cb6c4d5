import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { getDatabaseConfig } from "../config";
import { newPgPool } from "./pg-pool";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A transaction client, as handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process; Next's dev server reloads modules, so it is kept on globalThis. Its pool is
// made here, not by the adapter, so that the metrics can read its counts (arbiter_db_pool_connections).
const globalForDb = globalThis as unknown as { arbiterDb?: PrismaClient; arbiterPrismaPool?: pg.Pool };

export function getDb(): PrismaClient {
  if (!globalForDb.arbiterDb) {
    const pool = newPgPool({ max: getDatabaseConfig().DATABASE_POOL_SIZE, label: "Postgres pool (Prisma)" });
    globalForDb.arbiterPrismaPool = pool;
    // $disconnect() ends the pool as it did when the adapter made it.
    globalForDb.arbiterDb = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  }
  return globalForDb.arbiterDb;
}

/**
 * A plain node-postgres statement on Prisma's own pool (no second pool to size), for the few statements
 * every request of the annotation path runs: the session's user, the claim and the submit. Prisma 6.19
 * compiles even a `$queryRaw` in its WebAssembly query compiler: about a tenth of the app server's CPU in
 * bench:load's profile (README, "Speed"). `name` makes it a prepared statement, parsed once per
 * connection (fine behind PgBouncer in session mode, the only mode the README supports). Errors are
 * node-postgres' (`code` is the SQLSTATE), not Prisma's.
 */
export async function hotQuery<T extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<T[]> {
  getDb();
  const { rows } = await globalForDb.arbiterPrismaPool!.query<T>({ name, text, values });
  return rows;
}

export { Prisma } from "./generated/client";
export * from "./generated/enums";
