/**
 * Reading a JSON reply of our HTTP API in the browser: the named field of a 2xx body, or an error that
 * carries the `{ error: { code, message } }` envelope's message (or the bare status when the body is not
 * ours, such as a proxy's HTML page). Pure, so the fetch wrapper around it stays a few lines.
 */
export class ApiReplyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The reason's catalogue key and params (server/errors.ts), for showing it in the user's language. */
    readonly key?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "ApiReplyError";
  }
}

function envelope(body: unknown): { code?: unknown; message?: unknown; key?: unknown; params?: unknown } | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null ? (error as { code?: unknown; message?: unknown }) : undefined;
}

/** The envelope's reason key and params when they are well formed (strings and numbers only), else nothing. */
export function errorReason(body: unknown): { key: string; params?: Record<string, string | number> } | undefined {
  const error = envelope(body);
  if (typeof error?.key !== "string") return undefined;
  const raw = error.params;
  if (raw === undefined) return { key: error.key };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { key: error.key };
  const params = Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number"));
  return { key: error.key, params };
}

/** `body` is the parsed JSON, or null when the body was not JSON. Throws ApiReplyError when there is no `field` to read. */
export function readApiReply<T>(status: number, body: unknown, field: string): T {
  if (status >= 200 && status < 300) {
    if (typeof body === "object" && body !== null && field in body) return (body as Record<string, T>)[field] as T;
    throw new ApiReplyError(status, "BAD_REPLY", `The server's reply has no "${field}" (HTTP ${status}).`);
  }
  const error = envelope(body);
  const code = typeof error?.code === "string" ? error.code : "HTTP_ERROR";
  const message = typeof error?.message === "string" && error.message ? error.message : `The server answered HTTP ${status}.`;
  const reason = errorReason(body);
  throw new ApiReplyError(status, code, message, reason?.key, reason?.params);
}
