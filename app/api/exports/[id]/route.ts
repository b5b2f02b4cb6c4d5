import { NextResponse } from "next/server";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { route } from "@/server/http/route";
import { getExport } from "@/server/services/exports/get-export";

export const GET = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor();
  return NextResponse.json({ export: await getExport({ actor, exportId: (await params).id }) });
});
