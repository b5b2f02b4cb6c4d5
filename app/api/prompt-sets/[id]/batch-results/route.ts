import { NextResponse } from "next/server";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { requirePermission } from "@/server/auth/require";
import { bodyChunks } from "@/server/http/request-body";
import { route } from "@/server/http/route";
import { importBatchResults, MAX_BATCH_RESULTS_BYTES } from "@/server/services/batch/import-batch-results";

// POST /api/prompt-sets/:id/batch-results?mode=all-or-nothing|skip-invalid
// The body is the Batch results file (OpenAI Batch API output or vLLM run_batch output), streamed as it
// arrives; the wrapper applies the same-origin check of every write and the 512 MiB limit.
export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor();
  // Checked here as well as in the service: refuse before reading a byte of the upload.
  requirePermission(actor, canManagePromptSets, "import Batch results");
  const { id } = await params;
  const mode = new URL(request.url).searchParams.get("mode") ?? undefined;
  const result = await importBatchResults({ actor, promptSetId: id, input: mode === undefined ? {} : { mode }, body: bodyChunks(request.body) });
  const status = result.committed || (result.invalid === 0 && result.alreadyImported + result.duplicatesInFile + result.failed > 0) ? 200 : 422;
  return NextResponse.json(result, { status });
}, { body: "stream", maxBodyBytes: MAX_BATCH_RESULTS_BYTES });
