import { NextResponse, after } from "next/server";
import { requireApiActor } from "@/server/auth/get-api-actor";
import { drainExportQueue } from "@/server/export/run-exports";
import { readJson, route } from "@/server/http/route";
import { createExport } from "@/server/services/exports/create-export";
import { listExports } from "@/server/services/exports/list-exports";

export const GET = route(async () => {
  const actor = await requireApiActor();
  return NextResponse.json({ exports: await listExports({ actor }) });
});

/** Queues an export and builds it after the response is sent; poll GET /api/exports/{id} for progress. */
export const POST = route(async (request) => {
  const actor = await requireApiActor();
  const created = await createExport({ actor, input: await readJson(request) });
  after(() => drainExportQueue().catch((error: unknown) => console.error("Export queue failed", error)));
  return NextResponse.json({ export: created }, { status: 202, headers: { location: `/api/exports/${created.id}` } });
});
