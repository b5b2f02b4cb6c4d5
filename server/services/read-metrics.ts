import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";
import { metricsText, registerScrapeTimeMetrics } from "../observability/metrics";

/**
 * The Prometheus metrics of this app instance, for a scraper holding ARBITER_METRICS_TOKEN (sent as
 * `Authorization: Bearer <token>`). Without the variable the endpoint does not exist (404); a missing
 * or wrong token is 401. Not tied to a user: the token is the scraper's credential.
 */
export async function readMetrics({ authorization, token = process.env.ARBITER_METRICS_TOKEN }: { authorization: string | null; token?: string }): Promise<{ contentType: string; body: string }> {
  if (!token) throw new AppError("NOT_FOUND", { key: "metrics.off" });
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  if (!sameSecret(given, token)) throw new AppError("UNAUTHENTICATED", { key: "metrics.bearer", params: { token: "<ARBITER_METRICS_TOKEN>" } });
  registerScrapeTimeMetrics();
  return metricsText();
}

/** Compared as hashes: equal length for timingSafeEqual, and no early exit on the first different byte. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
