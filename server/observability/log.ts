import "server-only";
import type { Logger } from "pino";
import { makeLogger, requestLogger } from "./core.mjs";
import { currentRequest } from "./request-context";

/**
 * The process's structured logger (pino: one JSON line per event with level, time, pid; secrets and
 * prompt text redacted, see core.mjs). Inside a request, lines also carry its request id and user id.
 */
export function logger(): Logger {
  const base = requestLogger();
  const context = currentRequest();
  return context ? base.child({ reqId: context.requestId, userId: context.userId }) : base;
}

/** A logger for a long-running process other than the app (the worker, a CLI), named in every line. */
export function processLogger(name: string): Logger {
  const globalForLog = globalThis as unknown as { arbiterLogger?: Logger };
  globalForLog.arbiterLogger ??= makeLogger({ process: name });
  return globalForLog.arbiterLogger;
}
