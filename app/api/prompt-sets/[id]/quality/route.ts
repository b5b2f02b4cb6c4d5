import { NextResponse } from "next/server";
import { qualityCsv, qualityCsvTables, type QualityCsvTable } from "@/lib/quality/csv-tables";
import { requireActor } from "@/server/auth/get-actor";
import { AppError } from "@/server/errors";
import { csvResponse } from "@/server/http/csv-response";
import { route } from "@/server/http/route";
import { getSetQuality } from "@/server/services/quality/get-set-quality";

type Context = { params: Promise<{ id: string }> };

/** Admins and engineers: the set's agreement, annotators, gold accuracy and disagreements; `?csv=annotators|disagreements|over-time|agreement` for a table as CSV. */
export const GET = route(async (request, { params }: Context) => {
  const actor = await requireActor();
  const id = (await params).id;
  const csv = new URL(request.url).searchParams.get("csv");
  if (csv !== null && !qualityCsvTables.includes(csv as QualityCsvTable)) {
    throw new AppError("BAD_REQUEST", `csv: must be one of ${qualityCsvTables.join(", ")}.`, { csv: "unknown table" });
  }
  const view = await getSetQuality({ actor, promptSetId: id });
  return csv ? csvResponse(qualityCsv(view, csv as QualityCsvTable), `quality-${csv}-${id}.csv`) : NextResponse.json({ quality: view });
});
