import { NextResponse } from "next/server";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { readJson, route } from "@/server/http/route";
import { createExport } from "@/server/services/exports/create-export";
import { listExports } from "@/server/services/exports/list-exports";

export const GET = route(async () => {
  const actor = await requireApiActor();
  return NextResponse.json({ exports: await listExports({ actor }) });
});

/** Queues an export; a worker builds it. Poll GET /api/exports/{id} for progress. */
export const POST = route(async (request) => {
  const actor = await requireApiActor();
  const created = await createExport({ actor, input: await readJson(request) });
  return NextResponse.json({ export: created }, { status: 202, headers: { location: `/api/exports/${created.id}` } });
});
