import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { updateUser } from "@/server/services/users/update-user";

type Context = { params: Promise<{ id: string }> };

export const PATCH = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  const user = await updateUser({ actor, userId: (await params).id, input: await readJson(request) });
  return NextResponse.json({ user });
});
