import "server-only";
import { getDb } from "../db/client";

export async function checkHealth(): Promise<{ ok: boolean; database: "up" | "down" }> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return { ok: true, database: "up" };
  } catch (error) {
    console.error("Health check: the database is unreachable", error);
    return { ok: false, database: "down" };
  }
}
