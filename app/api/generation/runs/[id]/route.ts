import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { route } from "@/server/http/route";
import { getRunProgress } from "@/server/services/generation/get-run-progress";

type Context = { params: Promise<{ id: string }> };

// Polled every second by the progress panel while a run is open.
export const GET = route(async (_request, { params }: Context) => {
  const actor = await requireActor();
  const progress = await getRunProgress({ actor, runId: (await params).id });
  return NextResponse.json({ run: progress }, { headers: { "cache-control": "no-store" } });
});
