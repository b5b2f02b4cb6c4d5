import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { requirePermission } from "@/server/auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { AppError } from "@/server/errors";
import { route } from "@/server/http/route";
import { DEFAULT_MAX_FILE_BYTES, importPrompts } from "@/server/services/import/import-prompts";
import { bodyChunks, withDetectedFormat } from "@/server/http/request-body";

// The body is the file itself (any content type), streamed into the import as it arrives. The wrapper
// applies the same-origin check of every write and refuses a Content-Length over 512 MiB (413) before
// reading; the service counts the bytes as they stream in.
// POST /api/prompt-sets/:id/import?format=auto|jsonl|json|csv|parquet&mode=all-or-nothing|skip-invalid&filename=...&mapping={...}
// (mapping: a JSON column mapping for a shape Arbiter does not know; see lib/import/column-mapping.ts)
export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  // Checked here as well as in the service: refuse before reading a byte of the upload.
  requirePermission(actor, canManagePromptSets, "import prompts");
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  const { format, body } = await withDetectedFormat(query.get("format") ?? "auto", query.get("filename") ?? "", bodyChunks(request.body));
  const mapping = parseMappingParameter(query.get("mapping"));
  const result = await importPrompts({ actor, promptSetId: id, input: { format, mode: query.get("mode") ?? "all-or-nothing", ...(mapping === undefined ? {} : { mapping }) }, body });
  return NextResponse.json(result, { status: result.committed ? 200 : 422 });
}, { body: "stream", maxBodyBytes: DEFAULT_MAX_FILE_BYTES });

function parseMappingParameter(text: string | null): unknown {
  if (text === null || text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", 'mapping: expected a JSON object such as {"prompt": "question", "answers": ["answer_a", "answer_b"]}.', { mapping: "not JSON" });
  }
}
