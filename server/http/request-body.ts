import "server-only";
import { detectFormat } from "@/lib/import/detect-format";
import { AppError } from "../errors";

/** A fetch body, chunk by chunk as it arrives, without buffering it. */
export async function* bodyChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.byteLength > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Resolves format "auto" from the file name and the first chunk, then hands the stream on with that
 * chunk put back in front. Any other format passes through for the service to validate.
 */
export async function withDetectedFormat(
  format: string,
  fileName: string,
  chunks: AsyncGenerator<Uint8Array>,
): Promise<{ format: string; body: AsyncGenerator<Uint8Array> }> {
  if (format !== "auto") return { format, body: chunks };
  const first = await chunks.next();
  const head = first.done ? new Uint8Array() : first.value;
  const detected = detectFormat(fileName, head);
  if (!detected) {
    const reason = fileName ? { key: "importPrompts.formatUnknownFile" as const, params: { fileName } } : { key: "importPrompts.formatUnknownPasted" as const };
    throw new AppError("BAD_REQUEST", reason, { format: { key: "field.chooseFormat" } });
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (!first.done) yield head;
    yield* chunks;
  }
  return { format: detected, body: replay() };
}
