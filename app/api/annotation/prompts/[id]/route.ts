import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { route } from "@/server/http/route";
import { getPromptReview } from "@/server/services/annotation/get-prompt-review";

type Context = { params: Promise<{ id: string }> };

/** Admins: a prompt with all its judgments and who made them. */
export const GET = route(async (_request, { params }: Context) => {
  const actor = await requireActor();
  return NextResponse.json({ review: await getPromptReview({ actor, promptId: (await params).id }) });
});
