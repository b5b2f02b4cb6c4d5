import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describeError } from "@/lib/describe-error";
import { getDatabaseConfig } from "../config";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A transaction client, as handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process; Next's dev server reloads modules, so it is kept on globalThis. Its pool is
// made here, not by the adapter, so that the metrics can read its counts (arbiter_db_pool_connections).
const globalForDb = globalThis as unknown as { arbiterDb?: PrismaClient; arbiterPrismaPool?: pg.Pool };

export function getDb(): PrismaClient {
  if (!globalForDb.arbiterDb) {
    const config = getDatabaseConfig();
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, application_name: "arbiter" });
    // An idle connection that dies (a restarted database) emits here; without a listener node-postgres
    // would crash the process. The next query opens a new connection.
    pool.on("error", (error) => console.error(`Postgres pool (Prisma): an idle connection failed: ${describeError(error)}`));
    globalForDb.arbiterPrismaPool = pool;
    // $disconnect() ends the pool as it did when the adapter made it.
    globalForDb.arbiterDb = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  }
  return globalForDb.arbiterDb;
}

export { Prisma } from "./generated/client";
export * from "./generated/enums";
