import { NextResponse } from "next/server";
import { checkHealth } from "@/server/services/check-health";

export const dynamic = "force-dynamic";

/** For load balancers and the start script: 200 when the app can reach its database. */
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
