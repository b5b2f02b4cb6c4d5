import { NextResponse } from "next/server";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { route } from "@/server/http/route";
import { listCandidateScores } from "@/server/services/verifiers/list-candidate-scores";

type Context = { params: Promise<{ id: string }> };

/** Verifier scores of a set's candidates: ?promptId=&history=1&after=&limit= */
export const GET = route(async (request, { params }: Context) => {
  const actor = await requireApiActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = await listCandidateScores({ actor, promptSetId: (await params).id, query });
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
});
