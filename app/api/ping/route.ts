import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";

/**
 * Signed-in no-op: the route wrapper, the session check and (POST) the write rules and JSON body, and
 * nothing else. `npm run bench:load` measures it beside claim and submit as the framework's floor.
 */
export const GET = route(async () => {
  const actor = await requireActor();
  return NextResponse.json({ ok: true, userId: actor.id }, { headers: { "Cache-Control": "no-store" } });
});

export const POST = route(async (request) => {
  const actor = await requireActor();
  await readJson(request);
  return NextResponse.json({ ok: true, userId: actor.id }, { headers: { "Cache-Control": "no-store" } });
});
