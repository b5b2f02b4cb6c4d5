import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { updateQualitySettings } from "@/server/services/quality/update-quality-settings";

type Context = { params: Promise<{ id: string }> };

/** Admins: `{ goldRate, goldMinItems, goldMinAccuracy, goldPause, overlapMax, adaptiveMinAgreement }`. */
export const PUT = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json({ settings: await updateQualitySettings({ actor, promptSetId: (await params).id, input: await readJson(request) }) });
});
