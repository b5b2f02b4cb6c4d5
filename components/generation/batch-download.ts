// Reading a Batch request file reply (POST .../batch-file) in the browser: an error envelope becomes an
// ApiReplyError (with the per-field messages beside it), a file is handed to the browser as a download.
import { readApiReply } from "@/lib/http/api-reply";

export type SavedBatchFile = { name: string; lines: string };

/**
 * The envelope's per-field problems, when the reply has them: each field's reason (server/errors.ts
 * `fieldReasons`, `{ key, params }`), else its English message as `{ message }`; useErrorText words either.
 */
export function replyFields(body: unknown): Record<string, unknown> {
  const error = (body as { error?: { fields?: unknown; fieldReasons?: unknown } } | null)?.error;
  const fields = error?.fieldReasons ?? error?.fields;
  if (typeof fields !== "object" || fields === null) return {};
  return Object.fromEntries(Object.entries(fields).map(([field, problem]) => [field, typeof problem === "string" ? { message: problem } : problem]));
}

/** Thrown for a refused request: the error to show, and the fields it names. */
export class BatchFileRefused extends Error {
  constructor(
    readonly reason: unknown,
    /** Each field's problem, for useErrorText. */
    readonly fields: Record<string, unknown>,
  ) {
    super("Batch file refused");
    this.name = "BatchFileRefused";
  }
}

/** POSTs `settings` to `url` and saves the file it answers with; throws BatchFileRefused when refused. */
export async function downloadBatchFile(url: string, settings: unknown): Promise<SavedBatchFile> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(settings) });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    try {
      readApiReply(response.status, body, "none");
    } catch (error) {
      throw new BatchFileRefused(error, replyFields(body));
    }
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "batch.jsonl";
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  // Revoked later, not at once: the browser reads the blob after click() returns.
  const href = link.href;
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { name, lines: response.headers.get("x-arbiter-batch-lines") ?? "?" };
}
