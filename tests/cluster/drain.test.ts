// A draining instance over HTTP: `scripts/serve.mjs` (what `npm run serve` runs) from the build, on its own
// Postgres. Ready (200) while it serves; after SIGTERM it accepts no new connection, and a request that
// arrives on a connection still open answers /api/health/ready with 503 ("shutting down"), so a load
// balancer polling it takes the instance out; once that connection closes, the process exits 0.
// The connection is kept open the way a request in flight keeps it: its headers sent with
// `Expect: 100-continue` (the server's "100 Continue" proves it is active) and its body sent only after
// SIGTERM. Loopback only, every wait bounded.
import { connect, type Socket } from "node:net";
import { afterAll, expect, it } from "vitest";
import { ProcessGroup, requireBuild, sharedEnv, status } from "../support/cluster";
import { cloneDatabase, freePort, startTestPostgres } from "../support/test-postgres";

const group = new ProcessGroup();
let database: Awaited<ReturnType<typeof startTestPostgres>> | undefined;
let socket: Socket | undefined;

afterAll(async () => {
  socket?.destroy();
  await group.killAll();
  const { getDb } = await import("../../server/db/client");
  await getDb().$disconnect().catch(() => undefined);
  await database?.stop();
});

/** What arrives on `socket`, kept as text; `until` waits (bounded) for it to satisfy a check. */
function reader(sock: Socket) {
  let text = "";
  sock.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  return {
    text: () => text,
    until: (what: string, check: (text: string) => boolean) => group.waitFor(what, () => (check(text) ? true : undefined), 15_000, 20),
  };
}

/** The HTTP/1.1 responses in `text` (status, headers, body by Content-Length), in order. */
function responses(text: string): { status: number; body: string }[] {
  const found: { status: number; body: string }[] = [];
  let rest = text;
  while (rest.length) {
    const end = rest.indexOf("\r\n\r\n");
    if (end === -1) break;
    const head = rest.slice(0, end);
    const statusCode = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const chunked = /\r\ntransfer-encoding: *chunked/i.test(head);
    let body: string;
    let consumed: number;
    if (chunked) {
      const close = rest.indexOf("\r\n0\r\n\r\n", end);
      if (close === -1) break;
      body = rest.slice(end + 4, close).replace(/^[0-9a-f]+\r\n/i, "");
      consumed = close + 7;
    } else {
      if (rest.length < end + 4 + length) break;
      body = rest.slice(end + 4, end + 4 + length);
      consumed = end + 4 + length;
    }
    if (statusCode !== 100) found.push({ status: statusCode, body });
    rest = rest.slice(consumed);
  }
  return found;
}

it(
  "answers /api/health/ready with 503 on a connection still open after SIGTERM, then exits cleanly",
  async () => {
    requireBuild();
    database = await startTestPostgres();
    const databaseUrl = await cloneDatabase(database, "drain");
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // A grace period longer than the test's steps: the exit must come from the connection closing.
    const app = group.app("app", port, sharedEnv(databaseUrl, url, { ARBITER_SHUTDOWN_GRACE_MS: "60000" }));

    // Readiness needs a fresh worker heartbeat: one row, as a worker writes it.
    process.env.DATABASE_URL = databaseUrl;
    const { getDb } = await import("../../server/db/client");
    await getDb().workerHeartbeat.create({ data: { id: "drain-test-worker", hostname: "test", pid: process.pid } });
    await group.waitFor("the instance to be ready", async () => ((await status(`${url}/api/health/ready`)) === 200 ? true : undefined), 120_000, 200);
    const ready = (await (await fetch(`${url}/api/health/ready`)).json()) as { ok: boolean; draining: boolean };
    expect(ready).toMatchObject({ ok: true, draining: false });

    // A request in flight: its headers are in, its body is not.
    socket = connect(port, "127.0.0.1");
    const received = reader(socket);
    socket.write(`POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${url}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`);
    await received.until("the server's 100 Continue (the request is active)", (text) => text.startsWith("HTTP/1.1 100 Continue"));

    app.child.kill("SIGTERM");
    await group.waitFor("the instance to log that it is stopping", () => (app.output.includes("stopping: no new connections") ? true : undefined), 15_000, 20);
    // No new connection is accepted.
    await group.waitFor("new connections to be refused", async () => ((await status(`${url}/api/health/live`)) === undefined ? true : undefined), 15_000, 50);

    // The request in flight finishes (signed out: 401), then readiness is asked on the same connection.
    socket.write("{}");
    await received.until("the in-flight request's answer", (text) => responses(text).length === 1);
    expect(responses(received.text())[0]!.status).toBe(401);
    socket.write(`GET /api/health/ready HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await received.until("the readiness answer", (text) => responses(text).length === 2);
    const readiness = responses(received.text())[1]!;
    expect(readiness.status).toBe(503);
    expect(JSON.parse(readiness.body)).toMatchObject({ ok: false, draining: true, problems: ["shutting down"] });
    // Liveness on the same connection still answers: the process is alive, only not taking new traffic.
    socket.write(`GET /api/health/live HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await received.until("the liveness answer", (text) => responses(text).length === 3);
    expect(responses(received.text())[2]!.status).toBe(200);

    // The last connection closes: the instance exits 0 well within its 60 s grace period.
    socket.end();
    const exit = await Promise.race([app.exit, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 20_000))]);
    expect(exit).toMatchObject({ code: 0 });
    expect(app.output).toContain('"msg":"stopped"');
  },
  180_000,
);
