import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/support/fake-openai-server";
import { makeUser } from "@/tests/support/factories";
import { ensureTestEncryptionKey } from "@/tests/support/generation-factories";
import { createEndpoint } from "./create-endpoint";
import { testEndpointConnection } from "./test-endpoint-connection";
import { updateEndpoint } from "./update-endpoint";

// Endpoint URLs are fetched by the server: they must not reach cloud metadata or link-local
// addresses, however written, resolved or redirected to.

let server: FakeOpenAiServer;
let redirector: Server;
let redirectorUrl = "";

beforeAll(async () => {
  ensureTestEncryptionKey();
  server = await startFakeOpenAiServer({ models: ["qwen-7b"] });
  // Answers everything with a redirect to the fake server's model list, which would succeed if followed.
  redirector = createServer((_request, response) => {
    response.writeHead(302, { location: `${server.baseUrl}/models` }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => redirector.close(resolve));
});
afterEach(() => {
  delete process.env.ARBITER_ENDPOINT_ALLOW;
  delete process.env.ARBITER_ENDPOINT_DENY;
});

const input = (baseUrl: string) => ({ name: `ep ${Math.random().toString(36).slice(2, 8)}`, baseUrl, model: "qwen-7b", timeoutMs: "5000" });
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { code: string; message: string; fields?: Record<string, string> }) => ({ code: error.code, message: error.message, fields: error.fields }));

describe("endpoint addresses", () => {
  it("refuses metadata and link-local addresses when saved, in any numeric spelling, and allows loopback", async () => {
    const admin = await makeUser("ADMIN");
    for (const baseUrl of ["http://169.254.169.254/v1", "http://0xa9fea9fe/v1", "http://2852039166/v1", "http://0251.0376.0251.0376/v1", "http://[fd00:ec2::254]/v1", "http://[::ffff:169.254.169.254]/v1"]) {
      expect(await failure(createEndpoint({ actor: admin, input: input(baseUrl) })), baseUrl).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/^The base URL is refused: .* is a link-local or cloud metadata address \(allow it with ARBITER_ENDPOINT_ALLOW\)\.$/) as unknown,
      });
    }
    const local = await createEndpoint({ actor: admin, input: input("http://0x7f000001:8000/v1") });
    expect(local.baseUrl).toBe("http://127.0.0.1:8000/v1");
    expect(await failure(updateEndpoint({ actor: admin, endpointId: local.id, input: input("http://169.254.169.254/v1") }))).toMatchObject({ code: "BAD_REQUEST" });

    process.env.ARBITER_ENDPOINT_ALLOW = "169.254.169.254/32";
    expect((await createEndpoint({ actor: admin, input: input("http://169.254.169.254/v1") })).baseUrl).toBe("http://169.254.169.254/v1");
  });

  it("refuses a base URL with user:password@ instead of storing it", async () => {
    const admin = await makeUser("ADMIN");
    expect(await failure(createEndpoint({ actor: admin, input: input("http://admin:hunter2@127.0.0.1:8000/v1") }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { baseUrl: "the base URL may not contain a user name or password (user:password@); put the key in the API key field" },
    });
  });

  it("checks the address a name resolves to when it connects", async () => {
    const admin = await makeUser("ADMIN");
    const port = new URL(server.baseUrl).port;
    const byName = await createEndpoint({ actor: admin, input: input(`http://localhost:${port}/v1`) });
    process.env.ARBITER_ENDPOINT_DENY = "127.0.0.0/8, ::1/128";
    const refused = await testEndpointConnection({ actor: admin, endpointId: byName.id });
    expect(refused).toEqual({ ok: false, problem: "other", model: "qwen-7b", detail: expect.stringMatching(/^Refused to connect to localhost: (127\.0\.0\.1|::1) is in ARBITER_ENDPOINT_DENY\.$/) as unknown });

    delete process.env.ARBITER_ENDPOINT_DENY;
    const byAddress = await createEndpoint({ actor: admin, input: input(server.baseUrl) });
    expect(await testEndpointConnection({ actor: admin, endpointId: byAddress.id })).toEqual({ ok: true, model: "qwen-7b", latencyMs: expect.any(Number), models: ["qwen-7b"], hasConfiguredModel: true });
  });

  it("does not follow redirects", async () => {
    const admin = await makeUser("ADMIN");
    const endpoint = await createEndpoint({ actor: admin, input: input(redirectorUrl) });
    expect(await testEndpointConnection({ actor: admin, endpointId: endpoint.id })).toEqual({
      ok: false,
      problem: "other",
      model: "qwen-7b",
      detail: `HTTP 302 from the server: a redirect to ${server.baseUrl}/models, which is not followed; use the final address as the base URL`,
    });
  });
});
