import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { resetUserPassword } from "@/server/services/users/reset-user-password";

type Context = { params: Promise<{ id: string }> };

/** Sets a new password (`{ "password": "..." }`, or `{}` to have one generated) and returns it once. */
export const POST = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  const body = (await readJson(request)) as { password?: unknown } | null;
  const password = body?.password;
  return NextResponse.json(await resetUserPassword({ actor, userId: (await params).id, password }));
});
