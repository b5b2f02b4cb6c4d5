import "server-only";
import pg from "pg";
import { describeError } from "@/lib/describe-error";
import { getDatabaseConfig } from "../config";

/*
 * The one way to Postgres besides Prisma: node-postgres, for what Prisma does slowly or not at all
 * (COPY for imports, 1 MiB export chunks, a REPEATABLE READ snapshot, session advisory locks). One
 * bounded pool per process; a caller waits for a connection when all are in use.
 *
 * Only the export builder holds several connections at once (its claim, which keeps the advisory lock,
 * its snapshot, and with a pool of 5 or more two readers of the same snapshot, for the candidate and
 * judgment streams; a preview takes no reader) and asks for one more for each chunk it writes (held only
 * for that INSERT); every other caller holds one. A process builds one export at a time (run-exports.ts),
 * so a pool of 3 or more cannot deadlock (snapshot.ts takes the readers only from a pool of 5).
 */

const globalForPool = globalThis as unknown as { arbiterPgPool?: pg.Pool };

/**
 * A pool whose connections never crash the process when Postgres goes away (a restart, a crash, an
 * admin's pg_terminate_backend). node-postgres emits a dead connection's error as an event: an idle
 * client emits it on the pool, a checked-out one on itself, and an event with no listener throws.
 * A checked-out client's error also fails its statement in flight (or its next one), which its caller
 * sees, and the pool discards a client that is no longer queryable when it is released; the next
 * checkout opens a new connection. `label` names the pool in the log.
 */
export function newPgPool({ max, label }: { max: number; label: string }): pg.Pool {
  const pool = new pg.Pool({ connectionString: getDatabaseConfig().DATABASE_URL, max, application_name: "arbiter" });
  pool.on("error", (error) => console.error(`${label}: an idle connection failed: ${describeError(error)}`));
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

export function getPgPool(): pg.Pool {
  globalForPool.arbiterPgPool ??= newPgPool({ max: getDatabaseConfig().DATABASE_PG_POOL_SIZE, label: "Postgres pool" });
  return globalForPool.arbiterPgPool;
}

/** For scripts that must exit: closes the pool if one was opened. */
export async function closePgPool(): Promise<void> {
  const pool = globalForPool.arbiterPgPool;
  globalForPool.arbiterPgPool = undefined;
  await pool?.end();
}

export type PgTransactionOptions = {
  /** REPEATABLE READ: every statement reads the snapshot taken by the first. Default READ COMMITTED. */
  isolation?: "READ COMMITTED" | "REPEATABLE READ" | "SERIALIZABLE";
  readOnly?: boolean;
};

/**
 * Runs `work` in a transaction on `client`: committed when it returns, rolled back when it throws (the
 * error is rethrown). For a caller that keeps the connection afterwards (a session advisory lock).
 * A failed ROLLBACK means the connection is broken; it is reported to `onBroken`.
 */
export async function inPgTransaction<T>(
  client: pg.ClientBase,
  work: (client: pg.ClientBase) => Promise<T>,
  { isolation, readOnly = false, onBroken }: PgTransactionOptions & { onBroken?: (error: Error) => void } = {},
): Promise<T> {
  await client.query(`BEGIN${isolation ? ` ISOLATION LEVEL ${isolation}` : ""}${readOnly ? " READ ONLY" : ""}`);
  try {
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => onBroken?.(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))));
    throw error;
  }
}

/** A connection from the pool for one transaction, returned to the pool (or discarded when broken) after. */
export async function withPgTransaction<T>(work: (client: pg.ClientBase) => Promise<T>, options: PgTransactionOptions = {}): Promise<T> {
  const client = await getPgPool().connect();
  let broken: Error | undefined;
  try {
    return await inPgTransaction(client, work, { ...options, onBroken: (error) => (broken = error) });
  } finally {
    client.release(broken);
  }
}
