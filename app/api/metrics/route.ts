import { route } from "@/server/http/route";
import { readMetrics } from "@/server/services/read-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint: `Authorization: Bearer $ARBITER_METRICS_TOKEN`; 404 when the token is not configured. */
export const GET = route(async (request) => {
  const { contentType, body } = await readMetrics({ authorization: request.headers.get("authorization") });
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
