import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { getDatabaseConfig } from "../config";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A transaction client, as handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process; Next's dev server reloads modules, so it is kept on globalThis.
const globalForDb = globalThis as unknown as { arbiterDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForDb.arbiterDb) {
    const config = getDatabaseConfig();
    const adapter = new PrismaPg({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    globalForDb.arbiterDb = new PrismaClient({ adapter });
  }
  return globalForDb.arbiterDb;
}

export { Prisma } from "./generated/client";
export * from "./generated/enums";
