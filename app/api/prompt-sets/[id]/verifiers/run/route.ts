import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { route } from "@/server/http/route";
import { runSetVerifiers } from "@/server/services/verifiers/run-set-verifiers";

type Context = { params: Promise<{ id: string }> };

/** Admins: runs every check on every candidate of the set; replies with the counts. */
export const POST = route(async (_request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await runSetVerifiers({ actor, promptSetId: (await params).id }));
});
