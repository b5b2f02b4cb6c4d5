import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { route } from "@/server/http/route";
import { unpauseMember } from "@/server/services/quality/unpause-member";

type Context = { params: Promise<{ id: string; userId: string }> };

/** Admins: lets a member paused for low gold accuracy claim again. */
export const POST = route(async (_request, { params }: Context) => {
  const actor = await requireActor();
  const { id, userId } = await params;
  return NextResponse.json(await unpauseMember({ actor, promptSetId: id, userId }));
});
