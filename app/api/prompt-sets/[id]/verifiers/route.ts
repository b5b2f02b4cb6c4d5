import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { readJson, route } from "@/server/http/route";
import { getVerifierSummary } from "@/server/services/verifiers/get-verifier-summary";
import { updateVerifierSettings } from "@/server/services/verifiers/update-verifier-settings";

type Context = { params: Promise<{ id: string }> };

/** The set's checks and pass rates per verifier and per model. */
export const GET = route(async (_request, { params }: Context) => {
  const actor = await requireApiActor();
  const summary = await getVerifierSummary({ actor, promptSetId: (await params).id });
  return NextResponse.json({ verifiers: summary }, { headers: { "cache-control": "no-store" } });
});

/** Admins: `{ checks?: [...], showScoresToAnnotators?: boolean }`. */
export const PUT = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await updateVerifierSettings({ actor, promptSetId: (await params).id, input: await readJson(request) }));
});
