import { requireApiActor } from "@/server/auth/get-api-actor";
import { batchFileResponse } from "@/server/http/batch-file-response";
import { readJson, route } from "@/server/http/route";
import { createRunBatchFile } from "@/server/services/batch/create-run-batch-file";

// POST /api/generation/runs/:id/batch-file  {endpointId?}
// A Batch request file for the run's tasks that still lack a candidate (one endpoint's: its model), each
// line the request the worker would send; streamed as it is read. The results go to
// POST /api/prompt-sets/:setId/batch-results, which stores them as the run's candidates.
export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor();
  const { id } = await params;
  return batchFileResponse(await createRunBatchFile({ actor, runId: id, input: await readJson(request) }));
});
