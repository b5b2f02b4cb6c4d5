import { NextResponse } from "next/server";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { route } from "@/server/http/route";
import { cancelExport } from "@/server/services/exports/cancel-export";

/** Cancels a queued or running export (409 when it has already finished). */
export const POST = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor();
  return NextResponse.json({ export: await cancelExport({ actor, exportId: (await params).id }) });
});
