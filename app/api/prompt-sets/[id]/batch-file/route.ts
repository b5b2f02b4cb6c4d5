import { requireApiActor } from "@/server/auth/get-api-actor";
import { batchFileResponse } from "@/server/http/batch-file-response";
import { readJson, route } from "@/server/http/route";
import { createBatchRequestFile } from "@/server/services/batch/create-batch-request-file";

// POST /api/prompt-sets/:id/batch-file  {model, scope: "missing"|"all", samples, temperature?, top_p?, max_tokens?, seed?, stop?, systemOverride?}
// Answers with the Batch request file itself (JSONL for the OpenAI Batch API or vLLM run_batch), streamed
// as it is read; X-Arbiter-Batch-Tag and X-Arbiter-Batch-Lines say which file it is and how many lines.
export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor();
  const { id } = await params;
  return batchFileResponse(await createBatchRequestFile({ actor, promptSetId: id, input: await readJson(request) }));
});
