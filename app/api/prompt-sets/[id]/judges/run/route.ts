import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { startJudgeRun } from "@/server/services/judges/start-judge-run";

type Context = { params: Promise<{ id: string }> };

/** Admins: `{ judgeId }`; starts a judge run (a generation run of JUDGE tasks: progress at /api/generation/runs/<runId>, cancel and resume as any run). */
export const POST = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await startJudgeRun({ actor, promptSetId: (await params).id, input: await readJson(request) }), { status: 201 });
});
