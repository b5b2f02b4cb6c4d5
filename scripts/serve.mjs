// Serves the built app: `npm run serve` on each app machine (after `npm run build`), and what `npm start`
// and the e2e suite run. A custom server rather than `next start` for these reasons:
// - the client address. Next passes on any X-Forwarded-For a client sends, so the sign-in rate limit per
//   address would be trivial to dodge; here the address comes from the socket, unless TRUST_PROXY says a
//   proxy of ours sits in front (then its X-Forwarded-For is used).
// - one JSON log line per request (pino, with a request id and the signed-in user's id when known) and
//   the request-latency metric, both outside Next so that every route is covered.
// - graceful shutdown: on SIGTERM the instance stops accepting connections, reports itself not ready
//   (/api/health/ready answers 503 on connections still open) and lets requests in flight finish for up to
//   ARBITER_SHUTDOWN_GRACE_MS (5 s), then exits.
// - admission control (server/http/admission.mjs): at most ARBITER_HTTP_CONCURRENCY requests inside Next
//   at once (unless set, a cap that follows the event loop's delay up to the pool's size: adaptive-limit.mjs),
//   the rest waiting in a bounded FIFO queue (ARBITER_HTTP_QUEUE, then 503 with Retry-After), so that a
//   saturated instance keeps its event-loop turns short.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

const dev = process.argv.includes("--dev");
// Set before Next is loaded: `npm run serve` is always the production server.
if (!dev) process.env.NODE_ENV = "production";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "127.0.0.1";
const trustProxy = ["1", "true"].includes(String(process.env.TRUST_PROXY));
const graceMs = Number(process.env.ARBITER_SHUTDOWN_GRACE_MS || 5_000);
const healthCacheMs = Number(process.env.ARBITER_HEALTH_CACHE_MS || 1_000);

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

if (!dev) {
  const distDir = process.env.ARBITER_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) fail(`No build in ${distDir}/: run \`npm run build\` first (npm run serve never builds; npm start does).`);
  // next.config.mjs takes the id from the build unless ARBITER_DEPLOYMENT_ID says otherwise: it must not.
  const builtId = existsSync(path.join(distDir, "arbiter-deployment-id")) ? readFileSync(path.join(distDir, "arbiter-deployment-id"), "utf8").trim() : "";
  if (process.env.ARBITER_DEPLOYMENT_ID && builtId && process.env.ARBITER_DEPLOYMENT_ID !== builtId) {
    fail(`ARBITER_DEPLOYMENT_ID is "${process.env.ARBITER_DEPLOYMENT_ID}" but the build in ${distDir}/ was made as "${builtId}": serve the build you configured, or unset the variable.`);
  }
  for (const [name, what] of [
    ["DATABASE_URL", "the Postgres connection string (npm start runs an embedded database; npm run serve does not)"],
    ["AUTH_SECRET", "signs session tokens; the same on every app instance (openssl rand -base64 32)"],
    ["ARBITER_ENCRYPTION_KEY", "encrypts endpoint API keys; the same on every app instance and worker (openssl rand -base64 32)"],
  ]) {
    if (!process.env[name]) fail(`${name} is not set: ${what}.`);
  }
}
if (!Number.isInteger(graceMs) || graceMs < 0) fail(`ARBITER_SHUTDOWN_GRACE_MS must be a whole number of milliseconds, got "${process.env.ARBITER_SHUTDOWN_GRACE_MS}".`);
if (!Number.isInteger(healthCacheMs) || healthCacheMs < 0) fail(`ARBITER_HEALTH_CACHE_MS must be a whole number of milliseconds, got "${process.env.ARBITER_HEALTH_CACHE_MS}".`);
const { admissionConfig, admissionControl, admissionMetrics } = await import("../server/http/admission.mjs");
const { adaptConcurrency } = await import("../server/http/adaptive-limit.mjs");
const { defaultPoolSize } = await import("../server/db/pool-size.mjs");
const admission = admissionConfig(process.env, defaultPoolSize());
if (admission.error) fail(admission.error);

const { default: next } = await import("next");
const { makeLogger, metric, requestLogger, observeRequest, routeLabel } = await import("../server/observability/core.mjs");
const { answerHealth, databaseProbe } = await import("../server/http/health.mjs");

// Read by server code in this process (server/observability/request-context.ts): the request id and,
// once the session is read, the user id, for every log line written while the request runs.
const requestContext = new AsyncLocalStorage();
globalThis.arbiterRequestContext = requestContext;

const app = next({ dev, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const log = requestLogger();
// The one line per request: the same configuration without redaction, because every field of it is
// set here and none can hold a secret or users' text (ids, method, route label, status, duration).
// Redaction's wildcard paths cost about 0.5 ms of CPU per line (measured: 460-540 µs against 26-41 µs
// unredacted), a twentieth of a no-op request's CPU under bench:load.
const accessLog = makeLogger({ process: process.env.ARBITER_PROCESS_NAME || "app", pino: { redact: undefined } });
// /api/health and /api/health/live are answered here, before Next (server/http/health.mjs): the database
// check on a connection of its own, at most once per ARBITER_HEALTH_CACHE_MS.
const databaseHealth = databaseProbe({
  connectionString: process.env.DATABASE_URL,
  cacheMs: healthCacheMs,
  onError: (error) => log.error({ error: error instanceof Error ? error.message : String(error) }, "health check: the database is unreachable"),
});

// Requests beyond ARBITER_HTTP_CONCURRENCY wait here, in arrival order, before Next (health answered first).
const admissionMetered = admissionMetrics(metric);
const gate = admissionControl({ limit: admission.limit, queueLimit: admission.queueLimit, onRefused: admissionMetered.onRefused });
admissionMetered.watch(gate);
// ARBITER_HTTP_CONCURRENCY unset or auto: the cap follows the event loop's delay (server/http/adaptive-limit.mjs).
// A parent that started this process with an IPC channel (bench:load) is told of each change.
if (admission.adaptive) adaptConcurrency(gate, { ...admission.adaptive, onChange: (limit) => process.send?.({ admissionLimit: limit }) });

const server = createServer((req, res) => {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim();
  req.headers["x-arbiter-client-ip"] = (trustProxy && forwarded) || req.socket.remoteAddress || "unknown";
  // A proxy's request id is kept (so its logs and ours line up) when it looks like one.
  const given = String(req.headers["x-request-id"] ?? "");
  const context = { requestId: /^[\w.:-]{8,128}$/.test(given) ? given : randomUUID(), userId: undefined };
  const started = process.hrtime.bigint();
  res.setHeader("x-request-id", context.requestId);
  res.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const url = req.url ?? "/";
    const route = routeLabel(url);
    observeRequest({ method: req.method ?? "GET", route, status: res.statusCode, seconds });
    // Next's static assets are many and say nothing: counted in the metric, not logged.
    if (route.startsWith("/_next/")) return;
    accessLog.info(
      { reqId: context.requestId, userId: context.userId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000), aborted: !res.writableFinished || undefined },
      "request",
    );
  });
  if (answerHealth(req, res, databaseHealth)) return;
  gate.admit(req, res, () => requestContext.run(context, () => handle(req, res)));
});
server.listen(port, hostname, () => {
  process.send?.({ listening: true, admissionLimit: gate.stats().limit });
  // /api/health's connection is opened now, before traffic, not by the first probe under load.
  void databaseHealth.isUp();
});

let closing = false;
const shutdown = (signal) => {
  if (closing) return;
  closing = true;
  globalThis.arbiterDraining = true;
  log.info({ signal, graceMs }, "stopping: no new connections; finishing the requests in flight");
  server.close(() => {
    log.info({}, "stopped");
    process.exit(0);
  });
  server.closeIdleConnections();
  // Long-lived connections (a download, a stream) get the grace period, then go.
  setTimeout(() => {
    log.warn({ graceMs }, "requests still open after the grace period; exiting");
    process.exit(0);
  }, graceMs).unref();
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
