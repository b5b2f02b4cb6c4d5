import "server-only";
import pg from "pg";
import { getDatabaseConfig } from "../config";

// Export file chunks go through node-postgres directly: Prisma encodes a 1 MiB Bytes value in
// JavaScript at a fraction of the speed (the bench measured it as the largest cost of an export).
const globalForPool = globalThis as unknown as { arbiterExportPool?: pg.Pool };

export function getExportPool(): pg.Pool {
  globalForPool.arbiterExportPool ??= new pg.Pool({ connectionString: getDatabaseConfig().DATABASE_URL, max: 6, application_name: "arbiter-export-files" });
  return globalForPool.arbiterExportPool;
}

/** For scripts that must exit: closes the pool if one was opened. */
export async function closeExportPool(): Promise<void> {
  await globalForPool.arbiterExportPool?.end();
  globalForPool.arbiterExportPool = undefined;
}
