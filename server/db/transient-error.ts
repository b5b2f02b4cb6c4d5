import "server-only";

// Postgres SQLSTATEs after which the same work may simply run again: a deadlock, a serialization
// failure, a lost or refused connection, the server shutting down or out of connections.
const TRANSIENT_STATES = new Set(["40P01", "40001", "57P01", "57P02", "57P03", "53300", "55P03"]);
const TRANSIENT_SOCKET_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]);
// Prisma's own codes for the same: can't reach / timed out / closed, pool timeout, a transaction that could
// not start or ran past its time limit (P2028: maxWait 2 s, timeout 5 s by default), write conflict or deadlock.
const TRANSIENT_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);

/**
 * A database error that says nothing about the work itself, from node-postgres or from Prisma (with the
 * driver adapter's SQLSTATE): the work may run again and succeed. Anything else (a constraint, a bug)
 * is not transient.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, meta } = error as {
    code?: unknown;
    message?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
  };
  if (typeof code === "string") {
    if (TRANSIENT_STATES.has(code) || code.startsWith("08") || TRANSIENT_SOCKET_CODES.has(code) || TRANSIENT_PRISMA.has(code)) return true;
    if (code === "P2010") {
      const state = meta?.code ?? meta?.driverAdapterError?.cause?.originalCode;
      return typeof state === "string" && (TRANSIENT_STATES.has(state) || state.startsWith("08"));
    }
  }
  // node-postgres: a connection that ended under a query, or a checkout that timed out.
  return typeof message === "string" && /^(Connection terminated|timeout exceeded when trying to connect)/.test(message);
}
