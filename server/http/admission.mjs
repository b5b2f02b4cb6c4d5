// Plain JavaScript (scripts/serve.mjs loads it under plain node, outside Next): admission control in front
// of Next. At most `limit` requests are inside Next at once; the others wait in a FIFO queue of at most
// `queueLimit`, and a request that finds the queue full is answered 503 with `Retry-After` at once.
//
// Why: Next's per-request work runs on this process's one event loop. With 50 busy connections every
// request is inside Next at once, each event-loop turn runs many of their continuations back to back,
// and everything else (a health probe, the next byte of a reply) waits for the turn to end: latency grows
// with the number of connections while the throughput does not (the CPU is the same). With a cap, the
// requests beyond it wait here, parsed but not started, costing nothing but their socket; the turns stay
// short and the work in progress (and its memory) stays bounded.
//
// A request holds its slot until its response's headers are written (or it closes, aborted or not), not
// until the last byte: a download or a streamed export then does not hold a slot while the client reads
// it slowly. `/api/health` and `/api/health/live` never get here (serve.mjs answers them first), and
// `/api/health/ready` goes straight to Next (a load balancer's probe must not wait behind the queue).

import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** The paths handed to Next without waiting for a slot (query strings ignored). */
export const UNQUEUED_PATHS = new Set(["/api/health/ready"]);

/**
 * `ARBITER_HTTP_CONCURRENCY`, `ARBITER_HTTP_QUEUE` and `ARBITER_HTTP_TARGET_DELAY_MS` from `env`, checked.
 * The cap: a number, fixed; unset or `auto`, adapted (adaptive-limit.mjs) between `adaptiveMinLimit(cores)`
 * and the Prisma pool's size (`DATABASE_POOL_SIZE`, else `defaultPoolSize`: one connection for each
 * request in Next, none waiting for the pool inside Next), keeping the event loop's delay under the target. Returns `{ limit, queueLimit, adaptive }` (`adaptive`:
 * `{ min, max, targetMs }`, or undefined for a fixed cap) or `{ error }` naming the variable and the value
 * it got.
 */
export function admissionConfig(env, defaultPoolSize, cores = availableParallelism()) {
  const poolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : defaultPoolSize;
  const limitText = env.ARBITER_HTTP_CONCURRENCY;
  const queueText = env.ARBITER_HTTP_QUEUE;
  const targetText = env.ARBITER_HTTP_TARGET_DELAY_MS;
  const isAuto = !limitText || limitText === "auto";
  const limit = !isAuto ? Number(limitText) : Number.isInteger(poolSize) && poolSize > 0 ? poolSize : defaultPoolSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    return { error: `ARBITER_HTTP_CONCURRENCY must be "auto" or a whole number of requests from 1 to 10000 (requests inside Next at once), got "${limitText}".` };
  }
  const queueLimit = queueText ? Number(queueText) : DEFAULT_QUEUE_LIMIT;
  if (!Number.isInteger(queueLimit) || queueLimit < 0 || queueLimit > 100_000) {
    return { error: `ARBITER_HTTP_QUEUE must be a whole number of requests from 0 to 100000 (requests waiting for a slot; 0 refuses at once), got "${queueText}".` };
  }
  const targetMs = targetText ? Number(targetText) : DEFAULT_TARGET_DELAY_MS;
  if (!Number.isInteger(targetMs) || targetMs < 1 || targetMs > 10_000) {
    return { error: `ARBITER_HTTP_TARGET_DELAY_MS must be a whole number of milliseconds from 1 to 10000 (the event-loop delay the adaptive cap aims under), got "${targetText}".` };
  }
  if (!isAuto) return { limit, queueLimit, adaptive: undefined };
  return { limit, queueLimit, adaptive: { min: Math.min(adaptiveMinLimit(cores), limit), max: limit, targetMs } };
}

/**
 * The adaptive cap's floor: two requests per core. Below it the app waits on Postgres with its CPU idle
 * (a fixed cap of 4 on 2 cores: about 15 % fewer judgments/s than 10), and it bounds what the delay's
 * noise (other processes on the cores) can cost.
 */
export const adaptiveMinLimit = (cores = availableParallelism()) => Math.max(2, 2 * cores);

/** The event-loop delay (p99 per window, ms) the adaptive cap aims under when ARBITER_HTTP_TARGET_DELAY_MS is unset. */
export const DEFAULT_TARGET_DELAY_MS = 20;

/** Requests that may wait for a slot when `ARBITER_HTTP_QUEUE` is unset. */
export const DEFAULT_QUEUE_LIMIT = 500;

/** How long a refused client is asked to wait, in seconds. */
const RETRY_AFTER_SECONDS = 1;

/** The 503's body: the error envelope with the catalogue's reason (`errors.http.busy`) and its English text. */
function busyBody() {
  const english = JSON.parse(readFileSync(new URL("../../messages/en.json", import.meta.url), "utf8")).errors.http.busy;
  const params = { seconds: RETRY_AFTER_SECONDS };
  return JSON.stringify({ error: { code: "UNAVAILABLE", message: english.replace("{seconds}", String(params.seconds)), key: "http.busy", params } });
}

/**
 * The gate. `admit(req, res, start)` runs `start()` now when a slot is free, later (in arrival order)
 * when one frees, or answers 503 when the queue is full. A request whose client went away while it
 * waited is dropped, never started. `onRefused(req)` is told of each 503; `stats()` gives the counts
 * (`waited`: requests that ever had to wait, since the start). `setLimit(n)` changes the cap: a higher one
 * admits waiting requests at once; a lower one takes effect as requests in Next finish.
 */
export function admissionControl({ limit: initialLimit, queueLimit, onRefused = () => {} }) {
  let limit = initialLimit;
  let active = 0;
  let waitedTotal = 0;
  /** Waiting requests, oldest first; `head` is the index of the oldest not yet taken. */
  let queue = [];
  let head = 0;
  let refused = 0;
  const refusal = busyBody();

  function waiting() {
    return queue.length - head;
  }

  function take(entry) {
    active += 1;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      active -= 1;
      next();
    };
    // Node writes the headers through res.writeHead, also when the handler only writes the body
    // (ServerResponse's implicit header calls this.writeHead).
    const writeHead = entry.res.writeHead;
    entry.res.writeHead = function (...args) {
      release();
      return writeHead.apply(this, args);
    };
    entry.res.once("close", release);
    entry.start();
  }

  function next() {
    while (active < limit && head < queue.length) {
      const entry = queue[head];
      queue[head] = undefined;
      head += 1;
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      if (entry.gone) continue;
      entry.res.off("close", entry.onClose);
      take(entry);
    }
  }

  return {
    admit(req, res, start) {
      const url = req.url ?? "/";
      const query = url.indexOf("?");
      if (UNQUEUED_PATHS.has(query === -1 ? url : url.slice(0, query))) {
        start();
        return;
      }
      const entry = { req, res, start, gone: false, onClose: undefined };
      if (active < limit && waiting() === 0) {
        take(entry);
        return;
      }
      if (waiting() >= queueLimit) {
        refused += 1;
        onRefused(req);
        res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS), "content-length": Buffer.byteLength(refusal) });
        res.end(refusal);
        return;
      }
      // A client that gives up while waiting frees its place: it is skipped, never handed to Next.
      entry.onClose = () => {
        entry.gone = true;
      };
      res.once("close", entry.onClose);
      queue.push(entry);
      waitedTotal += 1;
    },
    setLimit(newLimit) {
      limit = newLimit;
      next();
    },
    stats() {
      let queued = 0;
      for (let i = head; i < queue.length; i++) if (!queue[i].gone) queued += 1;
      return { active, queued, refused, limit, waited: waitedTotal };
    },
  };
}

/**
 * The gate's Prometheus metrics, made with `metric` (server/observability/core.mjs): requests refused
 * (a counter; pass `onRefused` to admissionControl) and, read at each scrape, requests inside Next and
 * waiting and the cap (gauges; call `watch(gate)` once the gate exists).
 */
export function admissionMetrics(metric) {
  const refused = metric("counter", { name: "arbiter_http_requests_refused_total", help: "Requests answered 503 because the admission queue was full (ARBITER_HTTP_QUEUE)" });
  let watched;
  metric("gauge", {
    name: "arbiter_http_requests_in_flight",
    help: "Requests inside Next (state=active, at most ARBITER_HTTP_CONCURRENCY) and waiting for a slot (state=queued)",
    labelNames: ["state"],
    collect() {
      const { active, queued } = watched?.stats() ?? { active: 0, queued: 0 };
      this.set({ state: "active" }, active);
      this.set({ state: "queued" }, queued);
    },
  });
  metric("gauge", {
    name: "arbiter_http_concurrency_limit",
    help: "The admission cap now: ARBITER_HTTP_CONCURRENCY when set, else where the adaptive cap stands",
    collect() {
      const stats = watched?.stats();
      if (stats) this.set(stats.limit);
    },
  });
  return {
    onRefused: () => refused.inc(),
    watch(gate) {
      watched = gate;
    },
  };
}
