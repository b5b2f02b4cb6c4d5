import "server-only";
import { createServer } from "node:http";
import { sameSecret } from "../services/read-metrics";
import { metricsText, registerPoolMetrics } from "./metrics";

/**
 * A worker's own Prometheus endpoint (GET /metrics on ARBITER_METRICS_PORT): its throughput, retries
 * and endpoint errors live in its process. Same token as the app's /api/metrics; without
 * ARBITER_METRICS_TOKEN it is not started at all.
 */
export async function serveWorkerMetrics({ port, host }: { port: number; host: string }): Promise<{ close(): void } | null> {
  const token = process.env.ARBITER_METRICS_TOKEN;
  if (!token) throw new Error("ARBITER_METRICS_PORT is set but ARBITER_METRICS_TOKEN is not: the metrics endpoint needs a token.");
  registerPoolMetrics();
  const server = createServer((request, response) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1] ?? "";
    if (request.method !== "GET" || new URL(request.url ?? "/", "http://x").pathname !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    if (!sameSecret(given, token)) {
      response.writeHead(401, { "content-type": "text/plain" }).end("Send Authorization: Bearer <ARBITER_METRICS_TOKEN>.\n");
      return;
    }
    metricsText().then(
      ({ contentType, body }) => response.writeHead(200, { "content-type": contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  server.unref();
  return { close: () => server.close() };
}
