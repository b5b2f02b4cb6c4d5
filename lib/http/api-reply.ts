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
  ) {
    super(message);
    this.name = "ApiReplyError";
  }
}

function envelope(body: unknown): { code?: unknown; message?: unknown } | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null ? (error as { code?: unknown; message?: unknown }) : undefined;
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
  throw new ApiReplyError(status, code, message);
}
