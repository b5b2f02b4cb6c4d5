import { Readable } from "node:stream";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { readJson, route } from "@/server/http/route";
import { createRunBatchFile } from "@/server/services/batch/create-run-batch-file";

// POST /api/generation/runs/:id/batch-file  {endpointId?}
// A Batch request file for the run's tasks that still lack a candidate (one endpoint's: its model), each
// line the request the worker would send; streamed as it is read. The results go to
// POST /api/prompt-sets/:setId/batch-results, which stores them as the run's candidates.
export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor();
  const { id } = await params;
  const file = await createRunBatchFile({ actor, runId: id, input: await readJson(request) });
  const headers = new Headers({
    "content-type": "application/x-ndjson; charset=utf-8",
    "content-disposition": `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, "_")}"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "x-arbiter-batch-tag": file.tag,
    "x-arbiter-batch-lines": String(file.lineCount),
  });
  return new Response(Readable.toWeb(Readable.from(file.lines)) as ReadableStream<Uint8Array>, { headers });
});
