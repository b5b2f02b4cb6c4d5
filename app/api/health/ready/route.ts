import { NextResponse } from "next/server";
import { checkReadiness } from "@/server/services/check-readiness";

export const dynamic = "force-dynamic";

/** Readiness, for a load balancer: 200 when this instance should get traffic, else 503 with the reasons. */
export async function GET() {
  const readiness = await checkReadiness();
  return NextResponse.json(readiness, { status: readiness.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
