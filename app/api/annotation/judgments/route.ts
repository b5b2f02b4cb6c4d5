import { NextResponse } from "next/server";
import { requireActor } from "@/server/auth/get-actor";
import { readJson, route } from "@/server/http/route";
import { submitJudgment } from "@/server/services/annotation/submit-judgment";

/** Submits a judgment; idempotent by its `idempotencyKey` (a resend returns the same body). */
export const POST = route(async (request) => {
  const actor = await requireActor();
  return NextResponse.json({ judgment: await submitJudgment({ actor, input: await readJson(request) }) });
});
