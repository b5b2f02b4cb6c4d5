import { afterEach, describe, expect, it, vi } from "vitest";
import { readJson, route } from "./route";

// The wrapper's own checks run before a handler; a handler that echoes its JSON stands for any route.
const echo = route(async (request: Request) => Response.json({ got: await readJson(request) }));
const upload = route(async (request: Request) => Response.json({ bytes: (await request.arrayBuffer()).byteLength }), { body: "stream", maxBodyBytes: 100 });
const app = "http://127.0.0.1:3000";

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  vi.restoreAllMocks();
});

/** A body of `chunks` chunks of `size` bytes each, counting how many the server pulled. */
function countingBody(chunks: number, size: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled === chunks) return controller.close();
      counter.pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, counter };
}

const post = (headers: Record<string, string>, body: BodyInit | null = "{}", url = `${app}/api/x`) =>
  new Request(url, { method: "POST", headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

async function errorOf(response: Response) {
  return { status: response.status, ...((await response.json()) as { error: { code: string; message: string } }).error };
}

describe("the route wrapper", () => {
  it("passes a same-origin JSON write and any GET", async () => {
    process.env.NEXTAUTH_URL = app;
    expect(await (await echo(post({ origin: app, "content-type": "application/json" }, '{"a":1}'), {})).json()).toEqual({ got: { a: 1 } });
    // A GET skips the write rules: this one reaches the handler, whose readJson finds no JSON (400).
    expect((await echo(new Request(`${app}/api/x`), {})).status).toBe(400);
  });

  it("refuses a cross-site or non-JSON write with 403 before the handler runs", async () => {
    process.env.NEXTAUTH_URL = app;
    expect(await errorOf(await echo(post({ origin: "http://127.0.0.1:4444", "content-type": "application/json" }), {}))).toEqual({
      status: 403,
      code: "FORBIDDEN",
      message: "Refused: this request came from http://127.0.0.1:4444, not from http://127.0.0.1:3000; changes are only accepted from the app's own pages.",
    });
    expect((await errorOf(await echo(post({ origin: app, "content-type": "text/plain" }), {}))).status).toBe(403);
    expect((await errorOf(await upload(post({ origin: "http://evil.test" }, "x"), {}))).message).toMatch(/came from http:\/\/evil.test/);
    expect(await (await upload(post({ origin: app, "content-type": "application/octet-stream" }, "12345"), {})).json()).toEqual({ bytes: 5 });
  });

  it("without NEXTAUTH_URL, takes the app's origin from the request's own address", async () => {
    expect((await echo(post({ origin: app, "content-type": "application/json" }, "{}", `${app}/api/x`), {})).status).toBe(200);
    expect((await echo(post({ origin: app, "content-type": "application/json" }, "{}", "http://10.0.0.5:3000/api/x"), {})).status).toBe(403);
  });

  it("answers 413 from Content-Length alone, naming the limit, without reading the body", async () => {
    process.env.NEXTAUTH_URL = app;
    const { stream, counter } = countingBody(1000, 64 * 1024);
    const request = post({ origin: app, "content-type": "application/json", "content-length": String(1000 * 64 * 1024) }, stream);
    expect(await errorOf(await echo(request, {}))).toEqual({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: "The request body is larger than the 1 MiB limit of this API.",
      key: "http.bodyTooLarge",
      params: { limit: "1 MiB" },
    });
    expect(counter.pulled).toBeLessThanOrEqual(1);
  });

  it("counts a body that declares no length and stops reading just past the limit", async () => {
    process.env.NEXTAUTH_URL = app;
    const { stream, counter } = countingBody(1000, 64 * 1024); // 62.5 MiB on offer
    expect(await errorOf(await echo(post({ origin: app, "content-type": "application/json" }, stream), {}))).toMatchObject({ status: 413, message: expect.stringContaining("1 MiB") as unknown });
    // 1 MiB is 16 chunks of 64 KiB: the 17th passes the limit; a chunk or two may be buffered ahead.
    expect(counter.pulled).toBeGreaterThanOrEqual(17);
    expect(counter.pulled).toBeLessThan(20);
  });

  it("applies a route's own limit", async () => {
    process.env.NEXTAUTH_URL = app;
    expect(await errorOf(await upload(post({ origin: app, "content-length": "101" }, "x".repeat(101)), {}))).toMatchObject({ status: 413, message: "The request body is larger than the 100 bytes limit of this API." });
  });

  it("logs a refusal as one line, not as an error with a stack trace", async () => {
    process.env.NEXTAUTH_URL = app;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await echo(post({ origin: "http://127.0.0.1:4444", "content-type": "application/json" }), {});
    expect(warn.mock.calls).toEqual([
      ["Refused POST /api/x (403 FORBIDDEN): Refused: this request came from http://127.0.0.1:4444, not from http://127.0.0.1:3000; changes are only accepted from the app's own pages."],
    ]);
    expect(error).not.toHaveBeenCalled();
  });
});

describe("version skew", () => {
  afterEach(() => {
    delete process.env.NEXT_PUBLIC_ARBITER_DEPLOYMENT_ID;
  });

  it("tells a page of another build to reload, and lets the same build and scripts through", async () => {
    process.env.NEXTAUTH_URL = app;
    process.env.NEXT_PUBLIC_ARBITER_DEPLOYMENT_ID = "build-2";
    const headers = { origin: app, "content-type": "application/json" };
    const stale = await errorOf(await echo(post({ ...headers, "x-arbiter-deployment": "build-1" }, '{"a":1}'), {}));
    expect(stale).toEqual({ status: 409, code: "CONFLICT", message: "Arbiter was updated since this page was loaded. Reload the page to continue." });
    expect((await echo(post({ ...headers, "x-arbiter-deployment": "build-2" }, '{"a":1}'), {})).status).toBe(200);
    // curl, the CLI and API-token scripts send no deployment id.
    expect((await echo(post(headers, '{"a":1}'), {})).status).toBe(200);
  });
});
