import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { createUser } from "@/server/services/users/create-user";
import { listUsers } from "@/server/services/users/list-users";

export const GET = route(async () => {
  const actor = await requireActor();
  return NextResponse.json({ users: await listUsers({ actor }) });
});

export const POST = route(async (request) => {
  const actor = await requireActor();
  const { user, generatedPassword } = await createUser({ actor, input: (await readJson(request)) });
  return NextResponse.json({ user, ...(generatedPassword ? { generatedPassword } : {}) }, { status: 201 });
});
