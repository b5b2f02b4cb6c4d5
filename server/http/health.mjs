// Plain JavaScript (scripts/serve.mjs loads it under plain node, outside Next): `GET /api/health` and
// `GET /api/health/live`, answered by the HTTP server itself before a request reaches Next.
//
// Why not Next routes: a health check must answer while the app is busy. Through Next, a probe queued
// behind every request in progress (Next's routing, its web streams, a turn of the event loop per await)
// and, for `/api/health`, behind the app's Postgres pool: 0.7-1.3 s at p99 during bench:load's closed
// loop. Here it costs one event-loop turn, and the database check runs on a connection of its own (not
// the pool), at most once per ARBITER_HEALTH_CACHE_MS (1,000 ms): probes in between get the last answer,
// and concurrent probes share one check. `/api/health/ready` (migrations, workers, draining) stays in
// Next, where the build's migration list and the worker heartbeats are at hand.
import pg from "pg";

/** The paths answered here (query strings ignored); anything else goes to Next. */
export const HEALTH_PATHS = new Set(["/api/health", "/api/health/live"]);

/**
 * The database check of `/api/health`. `connectionString`: the app's DATABASE_URL; `cacheMs`: how long an
 * answer is reused; `timeoutMs` (5 s): a connection or check that takes longer counts as "down" (it
 * includes the time the event loop of a saturated server takes to read the answer, hence not less);
 * `onError(error)`: told why a check failed. Connect once, early (serve.mjs checks as soon as it
 * listens): a first connection made under full load can take seconds (SCRAM authentication included).
 */
export function databaseProbe({ connectionString, cacheMs, timeoutMs = 5_000, onError = () => {} }) {
  let client;
  let last;
  let inFlight;

  async function check() {
    try {
      if (!client) {
        const fresh = new pg.Client({ connectionString, application_name: "arbiter-health", connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
        // A connection that dies between checks (a restarted database) emits here; the next check reconnects.
        fresh.on("error", () => {
          if (client === fresh) client = undefined;
        });
        client = fresh;
        await fresh.connect();
      }
      await client.query("SELECT 1");
      return true;
    } catch (error) {
      // A check that only took too long leaves a working connection (its answer is read and dropped);
      // any other failure closes it, and the next check connects again.
      if (!isQueryTimeout(error)) {
        const broken = client;
        client = undefined;
        broken?.end().catch(() => {});
      }
      onError(error);
      return false;
    }
  }

  return {
    /** Whether the database answered, checked now or at most `cacheMs` ago. */
    async isUp() {
      if (last && performance.now() - last.at < cacheMs) return last.up;
      inFlight ??= check().then((up) => {
        last = { up, at: performance.now() };
        inFlight = undefined;
        return up;
      });
      return inFlight;
    },
    async close() {
      const open = client;
      client = undefined;
      await open?.end().catch(() => {});
    },
  };
}

/** node-postgres' error for a query past `query_timeout`. */
function isQueryTimeout(error) {
  return error instanceof Error && error.message === "Query read timeout";
}

/**
 * Answers `req` when it is a GET or HEAD of a health path and returns true; else returns false and
 * leaves it to Next. `/api/health/live`: 200 while the process answers (touches nothing else).
 * `/api/health`: `{ ok, database }`, 503 when the database does not answer.
 */
export function answerHealth(req, res, probe) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  if (!HEALTH_PATHS.has(pathname)) return false;
  const send = (status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
    res.end(req.method === "HEAD" ? undefined : text);
  };
  if (pathname === "/api/health/live") {
    send(200, { ok: true, pid: process.pid, uptimeSeconds: Math.round(process.uptime()) });
    return true;
  }
  probe.isUp().then(
    (up) => send(up ? 200 : 503, { ok: up, database: up ? "up" : "down" }),
    () => send(503, { ok: false, database: "down" }),
  );
  return true;
}
