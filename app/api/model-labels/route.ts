import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { setModelLabel } from "@/server/services/quality/set-model-label";

/** Admins: `{ endpointId, model, label }` names a model on the leaderboard; a null or empty label removes it. */
export const PUT = route(async (request) => {
  const actor = await requireActor();
  return NextResponse.json(await setModelLabel({ actor, input: await readJson(request) }));
});
