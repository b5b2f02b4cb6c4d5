import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { claimAssignment } from "@/server/services/annotation/claim-assignment";

type Context = { params: Promise<{ id: string }> };

/** `{ excludeAssignmentIds? }` -> `{ setup, item }`: the next item (a held lease or a new one), or item null. */
export const POST = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  const body = request.headers.get("content-length") === "0" ? {} : await readJson(request);
  return NextResponse.json(await claimAssignment({ actor, promptSetId: (await params).id, input: body }), { headers: { "Cache-Control": "no-store" } });
});
