import "server-only";
/**
 * Interactive transactions of the queue. Prisma's defaults (2 s to get a connection, 5 s to run)
 * fail under a burst of annotators larger than the pool; waiting for a connection is the right
 * behaviour there, and every transaction here is short once it has one.
 */
export const annotationTransaction = { maxWait: 30_000, timeout: 30_000 } as const;

/** A deadlock or serialization failure (Prisma's P2034): the whole transaction may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2034";
}
