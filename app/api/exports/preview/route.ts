import { NextResponse } from "next/server";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { readJson, route } from "@/server/http/route";
import { previewExport } from "@/server/services/exports/preview-export";

export const POST = route(async (request) => {
  const actor = await requireApiActor();
  return NextResponse.json({ preview: await previewExport({ actor, input: await readJson(request) }) });
});
