import { requireApiActor } from "@/server/auth/get-api-actor";
import { downloadResponse } from "@/server/export/download-response";
import { route } from "@/server/http/route";
import { AppError } from "@/server/errors";
import { openExportArchive } from "@/server/services/exports/open-export-download";

/** The whole export as ?type=zip (default) or ?type=tar.gz, streamed. */
export const GET = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor();
  const type = new URL(request.url).searchParams.get("type") ?? "zip";
  if (type !== "zip" && type !== "tar.gz") throw new AppError("BAD_REQUEST", "type must be zip or tar.gz.", { type: "must be zip or tar.gz" });
  return downloadResponse(await openExportArchive({ actor, exportId: (await params).id, type }));
});
