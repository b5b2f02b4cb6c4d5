import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { readJson, route } from "@/server/http/route";
import { createJudge } from "@/server/services/judges/create-judge";
import { listJudges } from "@/server/services/judges/list-judges";

/** Judges with their endpoint (name, model; never a key) and current template. */
export const GET = route(async () => {
  const actor = await requireApiActor();
  return NextResponse.json({ judges: await listJudges({ actor }) }, { headers: { "cache-control": "no-store" } });
});

/** Admins: `{ name, kind: PAIRWISE | SINGLE | REFERENCE, endpointId, language?: en | zh, system?, user? }`. */
export const POST = route(async (request) => {
  const actor = await requireActor();
  return NextResponse.json(await createJudge({ actor, input: await readJson(request) }), { status: 201 });
});
