import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { adjudicatePrompt } from "@/server/services/annotation/adjudicate-prompt";

type Context = { params: Promise<{ id: string }> };

/** Admins: `{ shown, verdict, rationale }`; settles a disagreement with an adjudication judgment. */
export const POST = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await adjudicatePrompt({ actor, promptId: (await params).id, input: await readJson(request) }), { status: 201 });
});
