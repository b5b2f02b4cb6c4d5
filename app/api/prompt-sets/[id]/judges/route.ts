import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { readJson, route } from "@/server/http/route";
import { getJudgeSuggestions } from "@/server/services/judges/get-judge-suggestions";
import { getJudgeSummary } from "@/server/services/judges/get-judge-summary";
import { updateJudgeSuggestions } from "@/server/services/judges/update-judge-suggestions";

type Context = { params: Promise<{ id: string }> };

/** Every judge that ran on the set: runs, position consistency, agreement with annotators, grades. */
export const GET = route(async (_request, { params }: Context) => {
  const actor = await requireApiActor();
  const promptSetId = (await params).id;
  const [judges, judgeSuggestions] = await Promise.all([getJudgeSummary({ actor, promptSetId }), getJudgeSuggestions({ actor, promptSetId })]);
  return NextResponse.json({ judgeSuggestions, judges }, { headers: { "cache-control": "no-store" } });
});

/** Admins: `{ judgeSuggestions: HIDDEN | AFTER_SUBMIT | BEFORE }`. */
export const PUT = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json(await updateJudgeSuggestions({ actor, promptSetId: (await params).id, input: await readJson(request) }));
});
