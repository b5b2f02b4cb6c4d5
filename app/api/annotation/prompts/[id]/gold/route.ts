import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { setPromptGold } from "@/server/services/quality/set-prompt-gold";

type Context = { params: Promise<{ id: string }> };

/** Admins: `{ gold: { shown: [candidate ids], verdict } }` marks the prompt gold; `{ gold: null }` unmarks it. */
export const PUT = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await setPromptGold({ actor, promptId: (await params).id, input: await readJson(request) }));
});
