// Plain JavaScript (no "server-only": scripts/serve.mjs loads it under plain node, outside Next), shared by
// serve.mjs and the server code (server/observability/*.ts): the one pino logger configuration and the one
// prom-client registry of a process. Both are kept on globalThis so that Next's bundle of the server code
// and serve.mjs, which load this file as two module instances, still write to one logger and one registry.
import pino from "pino";
import client from "prom-client";

/**
 * Keys whose values never reach a log line, at any depth up to two objects down: secrets, and prompt
 * or answer text (users' data). `ARBITER_LOG_CONTENT=true` does not exist on purpose: a debugging
 * session can log a prompt's id, never its text.
 */
export const redactedKeys = [
  "password", "newPassword", "passwordHash", "token", "apiKey", "api_key", "apiKeyCiphertext", "authorization", "cookie",
  "secret", "AUTH_SECRET", "ARBITER_ENCRYPTION_KEY", "DATABASE_URL", "connectionString",
  "prompt", "messages", "content", "completion", "text", "rationale",
];
const redactPaths = redactedKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * options: process (a name in every line), pino (more pino options), destination (a stream). By default,
 * stdout written synchronously: a line logged just before process.exit (a worker's "stopped", a
 * crash) is not lost in a buffer.
 */
export function makeLogger(options = {}) {
  return pino({
    level: process.env.ARBITER_LOG_LEVEL || "info",
    base: { pid: process.pid, process: options.process ?? "app" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactPaths, censor: "[redacted]" },
    ...options.pino,
  }, options.destination ?? pino.destination({ fd: 1, sync: true }));
}

/** The process's logger (one JSON object per line on stdout). */
export function requestLogger() {
  globalThis.arbiterLogger ??= makeLogger({ process: process.env.ARBITER_PROCESS_NAME || "app" });
  return globalThis.arbiterLogger;
}

/** The process's metrics registry, with Node's default process metrics registered once. */
export function metricsRegistry() {
  if (!globalThis.arbiterMetrics) {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry, prefix: "arbiter_" });
    globalThis.arbiterMetrics = { registry, client, metrics: new Map() };
  }
  return globalThis.arbiterMetrics;
}

/** A metric of this process's registry, made on first use: the same name always gives the same metric. */
export function metric(kind, config) {
  const { registry, client: prom, metrics } = metricsRegistry();
  let found = metrics.get(config.name);
  if (!found) {
    const Kind = { counter: prom.Counter, gauge: prom.Gauge, histogram: prom.Histogram }[kind];
    found = new Kind({ ...config, registers: [registry] });
    metrics.set(config.name, found);
  }
  return found;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The route a request went to, as a metric label of bounded cardinality: no query, ids replaced by
 * `:id`, long or numeric segments by `:x`, Next's assets and export file paths collapsed.
 */
export function routeLabel(url) {
  const pathname = url.split("?")[0] ?? "/";
  if (pathname.startsWith("/_next/")) return "/_next/*";
  const parts = pathname
    .replace(uuid, ":id")
    .split("/")
    .slice(0, 8)
    .map((part) => (part === ":id" || part === "" ? part : /^\d+$/.test(part) || part.length > 40 ? ":x" : part));
  const label = parts.join("/");
  const files = label.indexOf("/files/");
  return files === -1 ? label : `${label.slice(0, files)}/files/*`;
}

export function observeRequest({ method, route, status, seconds }) {
  metric("histogram", {
    name: "arbiter_http_request_duration_seconds",
    help: "HTTP requests by route (ids replaced by :id), method and status class",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }).observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds);
}
