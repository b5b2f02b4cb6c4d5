import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { skipAssignment } from "@/server/services/annotation/skip-assignment";

type Context = { params: Promise<{ id: string }> };

/** `{ reason? }`: gives the prompt back to the queue for others. */
export const POST = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await skipAssignment({ actor, assignmentId: (await params).id, input: await readJson(request) }));
});
