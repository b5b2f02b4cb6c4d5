import "server-only";
import { Readable } from "node:stream";
import type { BatchRequestFileStream } from "@/server/services/batch/create-batch-request-file";

/**
 * A Batch request file (JSONL for the OpenAI Batch API or vLLM run_batch) as an attachment, streamed as
 * its lines are read; X-Arbiter-Batch-Tag and X-Arbiter-Batch-Lines say which file it is and how many
 * lines it has. Shared by the prompt set's and the generation run's batch-file routes.
 */
export function batchFileResponse(file: BatchRequestFileStream): Response {
  const headers = new Headers({
    "content-type": "application/x-ndjson; charset=utf-8",
    "content-disposition": `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, "_")}"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "x-arbiter-batch-tag": file.tag,
    "x-arbiter-batch-lines": String(file.lineCount),
  });
  return new Response(Readable.toWeb(Readable.from(file.lines)) as ReadableStream<Uint8Array>, { headers });
}
