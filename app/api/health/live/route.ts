import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: 200 while this process answers HTTP at all; it touches nothing else (restart it when this fails). */
export function GET() {
  return NextResponse.json({ ok: true, pid: process.pid, uptimeSeconds: Math.round(process.uptime()) });
}
