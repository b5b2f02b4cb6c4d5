import { requireApiActor } from "@/server/auth/get-api-actor";
import { downloadResponse } from "@/server/export/download-response";
import { route } from "@/server/http/route";
import { openExportFile } from "@/server/services/exports/open-export-download";

/** One file of an export, e.g. /api/exports/{id}/files/dpo/train.jsonl for a single split. */
export const GET = route(async (_request, { params }: { params: Promise<{ id: string; path: string[] }> }) => {
  const actor = await requireApiActor();
  const { id, path } = await params;
  return downloadResponse(await openExportFile({ actor, exportId: id, path: path.join("/") }));
});
