// One line that says what went wrong, for logs of long-running processes (the worker, the supervisor).
//
// `error.message` alone is not that: Prisma's messages start with a newline and spread over several
// lines ("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `N/A`..."), so a
// log line "Could not claim tasks: <message>" shows nothing after the colon; Node's AggregateError
// (a connection refused on every address of a host) has an empty message; and the useful part, the
// code (ECONNREFUSED, 57P03), sits in `code`, `cause` or Prisma's `meta.driverAdapterError.cause`.

type Loose = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errno?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
  kind?: unknown;
  host?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
};

const MAX_LENGTH = 500;

/** A single line naming the error's cause: its message (the meaningful lines of it) and its codes. */
export function describeError(error: unknown): string {
  const line = describe(error, 0).replace(/\s+/g, " ").trim();
  return (line || "unknown error").slice(0, MAX_LENGTH);
}

function describe(error: unknown, depth: number): string {
  if (error === null || error === undefined) return "";
  if (typeof error !== "object") return String(error);
  if (depth > 4) return "";
  const e = error as Loose;

  let line = typeof e.message === "string" ? meaningfulLines(e.message) : "";
  if (!line && typeof e.kind === "string") line = describeAdapterCause(e);
  // AggregateError (every address of a host refused) has no message of its own: its first error speaks for it.
  if (!line && Array.isArray(e.errors) && e.errors.length) line = describe(e.errors[0], depth + 1);

  const where = typeof e.address === "string" ? `${e.address}${typeof e.port === "number" ? `:${e.port}` : ""}` : "";
  const codes = [e.code ?? e.errno, e.syscall, where]
    .filter((value) => (typeof value === "string" || typeof value === "number") && value !== "" && !line.includes(String(value)))
    .map(String);
  if (codes.length) line = `${line} (${codes.join(" ")})`;

  const causes: string[] = [];
  // Prisma over a driver adapter: the adapter's own cause says what the database said.
  const adapterCause = e.meta?.driverAdapterError?.cause;
  if (adapterCause && typeof adapterCause === "object") causes.push(describeAdapterCause(adapterCause as Loose));
  // AggregateError: one entry per address tried; the same cause twice is said once.
  if (Array.isArray(e.errors)) causes.push(...e.errors.map((item) => describe(item, depth + 1)));
  if (e.cause !== undefined) causes.push(describe(e.cause, depth + 1));
  for (const cause of new Set(causes)) {
    if (cause && !line.includes(cause) && !coveredBy(line, cause)) line = line ? `${line}; ${Array.isArray(e.errors) ? "also " : "cause: "}${cause}` : cause;
  }
  if (!line.trim() && typeof e.name === "string") line = e.name;
  return line;
}

/** A cause whose every word the line already says adds nothing ("57P03 the database system is shutting down"). */
function coveredBy(line: string, cause: string): boolean {
  return cause.split(/\s+/).every((word) => line.includes(word));
}

/** `{ kind: "DatabaseNotReachable", host, port }` or `{ kind: "postgres", code, message }`. */
function describeAdapterCause(cause: Loose): string {
  const bits: string[] = [];
  if (typeof cause.kind === "string" && cause.kind !== "postgres") bits.push(cause.kind);
  const code = cause.originalCode ?? cause.code;
  if (typeof code === "string" && code) bits.push(code);
  const message = cause.originalMessage ?? cause.message;
  if (typeof message === "string" && message) bits.push(message);
  if (typeof cause.host === "string") bits.push(`${cause.host}${typeof cause.port === "number" ? `:${cause.port}` : ""}`);
  return bits.join(" ");
}

/** Drops Prisma's "Invalid `prisma.x()` invocation:" preamble and its code excerpt; keeps the rest on one line. */
function meaningfulLines(message: string): string {
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !/^Invalid `.*` invocation/.test(line) && !/^(→\s*)?\d+\s/.test(line) && !/^\S+:\d+:\d+$/.test(line));
  return lines.join(" ");
}
