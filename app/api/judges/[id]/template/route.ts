import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { updateJudgeTemplate } from "@/server/services/judges/update-judge-template";

type Context = { params: Promise<{ id: string }> };

/** Admins: `{ system?, user }`; a new template version (the reply names it). */
export const PUT = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await updateJudgeTemplate({ actor, judgeId: (await params).id, input: await readJson(request) }));
});
