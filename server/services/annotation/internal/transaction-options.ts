import "server-only";
/**
 * Interactive transactions of the queue. Prisma's defaults (2 s to get a connection, 5 s to run)
 * fail under a burst of annotators larger than the pool; waiting for a connection is the right
 * behaviour there, and every transaction here is short once it has one.
 */
export const annotationTransaction = { maxWait: 30_000, timeout: 30_000 } as const;

/** Deadlock and serialization failure: the whole transaction may simply run again. */
const CONFLICT_STATES = new Set(["40P01", "40001"]);

/**
 * A deadlock or serialization failure: the whole transaction may simply run again. Prisma reports it as
 * P2034, or, from a raw query, as P2010 with Postgres' SQLSTATE; node-postgres (db/client.ts, hotQuery)
 * as the SQLSTATE itself.
 */
export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return (error as { code?: unknown }).code === "P2034" || CONFLICT_STATES.has(sqlState(error) ?? "");
}

/**
 * Postgres' SQLSTATE of a failed statement: node-postgres' error code, or for a raw query through Prisma
 * (P2010) the state Prisma 6.19 with a driver adapter (adapter-pg) puts in
 * meta.driverAdapterError.cause.originalCode, not in meta.code: without reading it, a deadlock in
 * arbiter_claim was thrown instead of retried.
 */
function sqlState(error: object): string | undefined {
  const { code, meta } = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  if (code !== "P2010") return typeof code === "string" ? code : undefined;
  const state = meta?.code ?? meta?.driverAdapterError?.cause?.originalCode;
  return typeof state === "string" ? state : undefined;
}

/**
 * An error after which the queue operation may simply run again: a deadlock or serialization failure, or a
 * unique violation (two tabs of one annotator claiming at once), whether Prisma reports it by its own code
 * (P2034, P2002), from a raw query as P2010 with Postgres' SQLSTATE, or (node-postgres) as the SQLSTATE.
 */
export function isRetryableQueueError(error: unknown): boolean {
  if (isRetryableConflict(error)) return true;
  if (typeof error !== "object" || error === null) return false;
  return (error as { code?: unknown }).code === "P2002" || sqlState(error) === "23505";
}
