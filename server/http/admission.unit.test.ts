// Admission control in front of Next (server/http/admission.mjs), on a real node:http server on loopback:
// the handler that stands in for Next records which requests it was handed and answers them when the test
// says so, so the order, the cap, the queue's bound, a client that leaves while queued and the release at
// the response's headers can each be checked.
import { request, createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { metric, metricsRegistry } from "../observability/core.mjs";
import { adaptiveMinLimit, admissionConfig, admissionControl, admissionMetrics, DEFAULT_QUEUE_LIMIT } from "./admission.mjs";
import en from "@/messages/en.json";

type Handed = { path: string; res: ServerResponse };

let server: Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

async function gatedServer(limit: number, queueLimit: number, onRefused?: () => void) {
  const handed: Handed[] = [];
  const refused: string[] = [];
  const gate = admissionControl({
    limit,
    queueLimit,
    onRefused: (req: IncomingMessage) => {
      refused.push(req.url ?? "");
      onRefused?.();
    },
  });
  server = createServer((req, res) => gate.admit(req, res, () => handed.push({ path: req.url ?? "", res })));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  /** One request on a connection of its own; resolves with its status, headers and body. */
  const send = (path: string) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false });
    const done = new Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }>((resolve, reject) => {
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
    });
    req.end();
    // Requests the test leaves unanswered are cut when the server closes: only the awaited ones matter.
    done.catch(() => undefined);
    return { req, done };
  };
  return { gate, handed, refused, send };
}

/** Waits (bounded) until `check` holds: the server sees requests in its own time. */
async function until(what: string, check: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("admission control: at most `limit` requests in Next, the rest queued in order, then 503", () => {
  it("hands over the first `limit`, queues the next in arrival order, refuses past the queue with 503 and Retry-After", async () => {
    const { gate, handed, refused, send } = await gatedServer(2, 2);
    const a = send("/a");
    const b = send("/b");
    await until("a and b handed over", () => handed.length === 2);
    const c = send("/c");
    await until("c queued", () => gate.stats().queued === 1);
    const d = send("/d");
    await until("d queued", () => gate.stats().queued === 2);
    const e = send("/e");
    const refusal = await e.done;
    expect(refusal.status).toBe(503);
    expect(refusal.headers["retry-after"]).toBe("1");
    expect(JSON.parse(refusal.body)).toEqual({ error: { code: "UNAVAILABLE", message: en.errors.http.busy.replace("{seconds}", "1"), key: "http.busy", params: { seconds: 1 } } });
    expect(refused).toEqual(["/e"]);
    expect(gate.stats()).toEqual({ active: 2, queued: 2, refused: 1, limit: 2, waited: 2 });
    expect(handed.map((h) => h.path)).toEqual(["/a", "/b"]);

    // b answers: the oldest waiting (c, not d) takes its slot.
    handed[1]!.res.end("b");
    expect((await b.done).body).toBe("b");
    await until("c handed over", () => handed.length === 3);
    expect(handed.map((h) => h.path)).toEqual(["/a", "/b", "/c"]);
    handed[0]!.res.end("a");
    await until("d handed over", () => handed.length === 4);
    expect(handed[3]!.path).toBe("/d");
    handed[2]!.res.end("c");
    handed[3]!.res.end("d");
    expect((await Promise.all([a.done, c.done, d.done])).map((r) => r.body)).toEqual(["a", "c", "d"]);
    await until("every slot free", () => gate.stats().active === 0);
    expect(gate.stats()).toEqual({ active: 0, queued: 0, refused: 1, limit: 2, waited: 2 });
  });

  it("never hands over a request whose client left while it waited", async () => {
    const { gate, handed, send } = await gatedServer(1, 5);
    send("/first");
    await until("first handed over", () => handed.length === 1);
    const gone = send("/gone");
    const kept = send("/kept");
    await until("two queued", () => gate.stats().queued === 2);
    gone.req.destroy();
    await until("the one that left no longer counted", () => gate.stats().queued === 1);
    handed[0]!.res.end("first");
    await until("kept handed over", () => handed.length === 2);
    expect(handed.map((h) => h.path)).toEqual(["/first", "/kept"]);
    handed[1]!.res.end("kept");
    expect((await kept.done).body).toBe("kept");
  });

  it("frees the slot when the response's headers are written, not at its last byte (a slow download holds none)", async () => {
    const { handed, send } = await gatedServer(1, 5);
    send("/download");
    await until("download handed over", () => handed.length === 1);
    const next = send("/next");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handed).toHaveLength(1);
    // The body starts (headers implied by the first write); the download goes on.
    handed[0]!.res.write("part 1");
    await until("next handed over", () => handed.length === 2);
    handed[1]!.res.end("next");
    expect((await next.done).body).toBe("next");
    handed[0]!.res.end("part 2");
  });

  it("frees the slot of a request that closed without an answer", async () => {
    const { gate, handed, send } = await gatedServer(1, 5);
    const dropped = send("/dropped");
    await until("dropped handed over", () => handed.length === 1);
    const next = send("/next");
    await until("next queued", () => gate.stats().queued === 1);
    dropped.req.destroy();
    await until("next handed over", () => handed.length === 2);
    handed[1]!.res.end("next");
    expect((await next.done).body).toBe("next");
  });

  it("setLimit: a higher cap admits waiting requests at once, in order; a lower one applies as requests finish", async () => {
    const { gate, handed, send } = await gatedServer(1, 10);
    send("/a");
    await until("a handed over", () => handed.length === 1);
    send("/b");
    await until("b queued", () => gate.stats().queued === 1);
    send("/c");
    await until("c queued", () => gate.stats().queued === 2);
    send("/d");
    await until("d queued", () => gate.stats().queued === 3);
    gate.setLimit(3);
    expect(handed.map((h) => h.path)).toEqual(["/a", "/b", "/c"]);
    expect(gate.stats()).toMatchObject({ active: 3, queued: 1, limit: 3, waited: 3 });
    // Down to 1 with 3 inside: none is cut off, and d waits until none is left inside.
    gate.setLimit(1);
    handed[0]!.res.end("a");
    handed[1]!.res.end("b");
    await until("two finished", () => gate.stats().active === 1);
    expect(handed).toHaveLength(3);
    handed[2]!.res.end("c");
    await until("d handed over", () => handed.length === 4);
    expect(gate.stats()).toMatchObject({ active: 1, queued: 0, limit: 1 });
    handed[3]!.res.end("d");
  });

  it("hands /api/health/ready to Next at once, even with every slot and the queue full", async () => {
    const { handed, send } = await gatedServer(1, 0);
    send("/busy");
    await until("busy handed over", () => handed.length === 1);
    expect((await send("/other").done).status).toBe(503);
    send("/api/health/ready?x=1");
    await until("ready handed over", () => handed.length === 2);
    expect(handed[1]!.path).toBe("/api/health/ready?x=1");
  });
});

describe("admission metrics", () => {
  it("counts refusals and reports the requests inside Next and waiting at each scrape", async () => {
    const metered = admissionMetrics(metric);
    const { gate, handed, send } = await gatedServer(1, 1, metered.onRefused);
    metered.watch(gate);
    const value = async (name: string, labels: Record<string, string> = {}) => {
      const found = (await metricsRegistry().registry.getMetricsAsJSON()).find((m) => m.name === name);
      return found?.values.find((v) => Object.entries(labels).every(([key, label]) => v.labels[key] === label))?.value;
    };
    const refusedBefore = (await value("arbiter_http_requests_refused_total")) ?? 0;
    send("/one");
    await until("one handed over", () => handed.length === 1);
    send("/two");
    await until("two queued", () => gate.stats().queued === 1);
    expect((await send("/three").done).status).toBe(503);
    expect(await value("arbiter_http_requests_in_flight", { state: "active" })).toBe(1);
    expect(await value("arbiter_http_requests_in_flight", { state: "queued" })).toBe(1);
    expect(await value("arbiter_http_requests_refused_total")).toBe(refusedBefore + 1);
    expect(await value("arbiter_http_concurrency_limit")).toBe(1);
    gate.setLimit(3);
    expect(await value("arbiter_http_concurrency_limit")).toBe(3);
  });
});

describe("admissionConfig: ARBITER_HTTP_CONCURRENCY and ARBITER_HTTP_QUEUE", () => {
  it("unset or auto, the cap adapts from two per core up to the pool's size (DATABASE_POOL_SIZE, else the default pool), aiming under 20 ms of event-loop delay unless ARBITER_HTTP_TARGET_DELAY_MS says otherwise; the queue defaults to 500", () => {
    expect(admissionConfig({}, 10, 2)).toEqual({ limit: 10, queueLimit: DEFAULT_QUEUE_LIMIT, adaptive: { min: 4, max: 10, targetMs: 20 } });
    expect(DEFAULT_QUEUE_LIMIT).toBe(500);
    expect(admissionConfig({ ARBITER_HTTP_CONCURRENCY: "auto" }, 10, 2)).toEqual({ limit: 10, queueLimit: 500, adaptive: { min: 4, max: 10, targetMs: 20 } });
    expect(admissionConfig({ DATABASE_POOL_SIZE: "16", ARBITER_HTTP_TARGET_DELAY_MS: "40" }, 10, 4)).toEqual({ limit: 16, queueLimit: 500, adaptive: { min: 8, max: 16, targetMs: 40 } });
    expect(adaptiveMinLimit(1)).toBe(2);
    // A pool smaller than the floor: the cap never goes over the pool.
    expect(admissionConfig({ DATABASE_POOL_SIZE: "3" }, 10, 2)).toEqual({ limit: 3, queueLimit: 500, adaptive: { min: 3, max: 3, targetMs: 20 } });
  });

  it("a number fixes the cap", () => {
    expect(admissionConfig({ ARBITER_HTTP_CONCURRENCY: "4", ARBITER_HTTP_QUEUE: "0", DATABASE_POOL_SIZE: "16" }, 10)).toEqual({ limit: 4, queueLimit: 0, adaptive: undefined });
    expect(admissionConfig({ ARBITER_HTTP_CONCURRENCY: "10" }, 10)).toEqual({ limit: 10, queueLimit: 500, adaptive: undefined });
  });

  it("refuses a value that is not a whole number in range, naming the variable and the value", () => {
    for (const value of ["0", "-1", "2.5", "ten", "10001", "AUTO"]) {
      expect(admissionConfig({ ARBITER_HTTP_CONCURRENCY: value }, 10).error).toBe(
        `ARBITER_HTTP_CONCURRENCY must be "auto" or a whole number of requests from 1 to 10000 (requests inside Next at once), got "${value}".`,
      );
    }
    for (const value of ["-1", "1.5", "lots", "100001"]) {
      expect(admissionConfig({ ARBITER_HTTP_QUEUE: value }, 10).error).toBe(
        `ARBITER_HTTP_QUEUE must be a whole number of requests from 0 to 100000 (requests waiting for a slot; 0 refuses at once), got "${value}".`,
      );
    }
    for (const value of ["0", "-5", "7.5", "soon", "10001"]) {
      expect(admissionConfig({ ARBITER_HTTP_TARGET_DELAY_MS: value }, 10).error).toBe(
        `ARBITER_HTTP_TARGET_DELAY_MS must be a whole number of milliseconds from 1 to 10000 (the event-loop delay the adaptive cap aims under), got "${value}".`,
      );
    }
  });
});
