// /api/health's database check (server/http/health.mjs, answered by scripts/serve.mjs before Next) against
// the test Postgres, reached through a TCP relay the test controls: so that "the database is there" can
// be switched on, and the connections the probe opens can be counted.
import { createServer as createHttpServer, type Server } from "node:http";
import { connect, createServer, type Server as NetServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answerHealth, databaseProbe } from "./health.mjs";
import { freePort } from "../../tests/support/test-postgres";
import { waitFor } from "../../tests/support/wait-for";

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/**
 * A relay on `port` to the test database's server; counts the connections it accepted. `hold(true)`
 * keeps the server's answers back (a database that hangs) until `hold(false)`.
 */
async function relay(port: number): Promise<{ accepted: () => number; close: () => Promise<void>; hold: (on: boolean) => void }> {
  const target = new URL(process.env.DATABASE_URL!);
  let accepted = 0;
  let held = false;
  const sockets = new Set<Socket>();
  const paused = new Set<Socket>();
  const waiting: [Socket, Buffer][] = [];
  const server: NetServer = createServer((inbound) => {
    accepted++;
    const outbound = connect(Number(target.port), target.hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    inbound.pipe(outbound);
    outbound.on("data", (chunk: Buffer) => {
      if (!held) {
        inbound.write(chunk);
        return;
      }
      outbound.pause();
      waiting.push([inbound, chunk]);
      paused.add(outbound);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }));
  closers.push(close);
  const hold = (on: boolean) => {
    held = on;
    if (on) return;
    for (const [socket, chunk] of waiting.splice(0)) socket.write(chunk);
    for (const socket of paused) socket.resume();
    paused.clear();
  };
  return { accepted: () => accepted, close, hold };
}

function viaPort(port: number): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}

function probe(connectionString: string, cacheMs: number) {
  const errors: unknown[] = [];
  const made = databaseProbe({ connectionString, cacheMs, onError: (error: unknown) => errors.push(error) });
  closers.push(() => made.close());
  return { ...made, errors };
}

describe("/api/health's database check", () => {
  it("is down when nothing answers, says why, and reuses an answer for cacheMs", async () => {
    const port = await freePort();
    const cached = probe(viaPort(port), 60_000);
    expect(await cached.isUp()).toBe(false);
    expect(cached.errors).toHaveLength(1);

    // The database appears: a probe whose answer is younger than cacheMs still says down, without asking.
    const { accepted } = await relay(port);
    expect(await cached.isUp()).toBe(false);
    expect(cached.errors).toHaveLength(1);
    expect(accepted()).toBe(0);

    // With no reuse, the next check sees it.
    const fresh = probe(viaPort(port), 0);
    expect(await fresh.isUp()).toBe(true);
    expect(fresh.errors).toEqual([]);
  });

  it("counts a check that hangs past timeoutMs as down, and keeps its connection for the next check", async () => {
    const port = await freePort();
    const database = await relay(port);
    const errors: unknown[] = [];
    const health = databaseProbe({ connectionString: viaPort(port), cacheMs: 0, timeoutMs: 300, onError: (error: unknown) => errors.push(error) });
    closers.push(() => health.close());
    expect(await health.isUp()).toBe(true);
    database.hold(true);
    expect(await health.isUp()).toBe(false);
    expect(String(errors[0])).toContain("Query read timeout");
    database.hold(false);
    expect(await waitFor("the check to answer again", async () => ((await health.isUp()) ? true : undefined), 10_000)).toBe(true);
    expect(database.accepted()).toBe(1);
  });

  it("checks on one connection of its own, one check at a time for concurrent callers", async () => {
    const port = await freePort();
    const { accepted } = await relay(port);
    const health = probe(viaPort(port), 0);
    expect(await Promise.all(Array.from({ length: 20 }, () => health.isUp()))).toEqual(Array(20).fill(true));
    for (let i = 0; i < 5; i++) expect(await health.isUp()).toBe(true);
    expect(accepted()).toBe(1);
  });
});

describe("answerHealth (the HTTP side)", () => {
  it("answers GET /api/health and /api/health/live, leaves everything else to Next", async () => {
    const port = await freePort();
    const database = await relay(port);
    const health = probe(viaPort(port), 1_000);
    const passed: string[] = [];
    const server: Server = createHttpServer((req, res) => {
      if (answerHealth(req, res, health)) return;
      passed.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

    const up = await fetch(`${base}/api/health?probe=1`);
    expect(up.status).toBe(200);
    expect(up.headers.get("cache-control")).toBe("no-store");
    expect(await up.json()).toEqual({ ok: true, database: "up" });
    const live = await fetch(`${base}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ ok: true, pid: process.pid });

    for (const [method, path] of [["POST", "/api/health"], ["GET", "/api/health/ready"], ["GET", "/api/healthz"], ["GET", "/api/health/live/x"]] as const) {
      expect((await fetch(`${base}${path}`, { method })).status).toBe(404);
    }
    expect(passed).toEqual(["POST /api/health", "GET /api/health/ready", "GET /api/healthz", "GET /api/health/live/x"]);
    expect(database.accepted()).toBe(1);

    // The database goes away: once the cached answer is older than cacheMs (1 s), 503.
    await database.close();
    const down = await waitFor("/api/health to answer 503 once the database is gone", async () => {
      const response = await fetch(`${base}/api/health`);
      return response.status === 503 ? response : undefined;
    }, 10_000);
    expect(await down.json()).toEqual({ ok: false, database: "down" });
  });
});
