import "server-only";
import type { AsyncLocalStorage } from "node:async_hooks";

/** Set per request by scripts/serve.mjs: what every log line written during the request carries. */
export type RequestContext = { requestId: string; userId?: string };

const globalForServe = globalThis as unknown as { arbiterRequestContext?: AsyncLocalStorage<RequestContext> };

export function currentRequest(): RequestContext | undefined {
  return globalForServe.arbiterRequestContext?.getStore();
}

/** Records who the request acts for, for its log line (called where the actor is resolved). */
export function noteRequestUser(userId: string): void {
  const context = currentRequest();
  if (context) context.userId = userId;
}
