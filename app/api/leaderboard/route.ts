import { NextResponse } from "next/server";
import { leaderboardCsv, leaderboardCsvTables, type LeaderboardCsvTable } from "@/lib/quality/csv-tables";
import { requireActor } from "@/server/auth/get-actor";
import { AppError } from "@/server/errors";
import { csvResponse } from "@/server/http/csv-response";
import { route } from "@/server/http/route";
import { getLeaderboard } from "@/server/services/quality/get-leaderboard";

/**
 * Admins and engineers: `?promptSetId=&resamples=&seed=&compareA=&compareB=&categoryKey=`; `&csv=strengths|win-rates|categories|compare|pass-rates`
 * for a table as CSV.
 */
export const GET = route(async (request) => {
  const actor = await requireActor();
  const params = new URL(request.url).searchParams;
  const csv = params.get("csv");
  if (csv !== null && !leaderboardCsvTables.includes(csv as LeaderboardCsvTable)) {
    throw new AppError("BAD_REQUEST", `csv: must be one of ${leaderboardCsvTables.join(", ")}.`, { csv: "unknown table" });
  }
  const query = Object.fromEntries([...params].filter(([key]) => key !== "csv" && params.get(key) !== ""));
  const view = await getLeaderboard({ actor, query });
  return csv ? csvResponse(leaderboardCsv(view, csv as LeaderboardCsvTable), `leaderboard-${csv}.csv`) : NextResponse.json({ leaderboard: view });
});
