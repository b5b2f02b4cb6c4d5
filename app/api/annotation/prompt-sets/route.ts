import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { route } from "@/server/http/route";
import { listMyPromptSets } from "@/server/services/annotation/list-my-prompt-sets";

/** The signed-in annotator's prompt sets with their progress. */
export const GET = route(async () => {
  const actor = await requireActor();
  return NextResponse.json({ promptSets: await listMyPromptSets({ actor }) });
});
