import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { reopenPrompt } from "@/server/services/annotation/reopen-prompt";

type Context = { params: Promise<{ id: string }> };

/** Admins: `{ reason }`; removes the prompt's judgments (kept in the audit log) and queues it again. */
export const POST = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await reopenPrompt({ actor, promptId: (await params).id, input: await readJson(request) }));
});
