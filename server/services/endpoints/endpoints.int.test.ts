import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/support/fake-openai-server";
import { makeUser } from "@/tests/support/factories";
import { ensureTestEncryptionKey } from "@/tests/support/generation-factories";
import { freePort } from "@/tests/support/test-postgres";
import { decryptSecret } from "../../crypto/secret-box";
import { getDb } from "../../db/client";
import { archiveEndpoint } from "./archive-endpoint";
import { createEndpoint } from "./create-endpoint";
import { listEndpoints } from "./list-endpoints";
import { testEndpointConnection } from "./test-endpoint-connection";
import { updateEndpoint } from "./update-endpoint";

const API_KEY = "sk-test-0123456789-abcd";
let server: FakeOpenAiServer;

beforeAll(async () => {
  ensureTestEncryptionKey();
  const models = ["qwen-7b", "llama-3"];
  // As vLLM does: a chat completion for a model the server does not serve is a 404 naming it.
  server = await startFakeOpenAiServer({
    apiKey: API_KEY,
    models,
    reply: (request) => (models.includes(request.model) ? { kind: "ok" } : { kind: "status", status: 404, message: `The model \`${request.model}\` does not exist.` }),
  });
});
afterAll(() => server.close());

const input = (over: Record<string, unknown> = {}) => ({ name: `ep ${Math.random().toString(36).slice(2, 8)}`, baseUrl: server.baseUrl, model: "qwen-7b", apiKey: API_KEY, defaults: { temperature: "0.7" }, maxConcurrency: "3", timeoutMs: "5000", ...over });

describe("endpoints", () => {
  it("stores the API key encrypted, shows only its last four, and audits without it", async () => {
    const admin = await makeUser("ADMIN");
    const endpoint = await createEndpoint({ actor: admin, input: input() });
    expect(endpoint).not.toHaveProperty("apiKeyCiphertext");
    expect(endpoint.apiKeyLast4).toBe("abcd");
    expect(JSON.stringify(await listEndpoints({ actor: admin }))).not.toContain("0123456789");
    const row = await getDb().endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.apiKeyCiphertext).toMatch(/^v1:/);
    expect(row.apiKeyCiphertext).not.toContain(API_KEY);
    expect(decryptSecret(row.apiKeyCiphertext!)).toBe(API_KEY);
    expect(row.defaults).toEqual({ temperature: 0.7 });
    const audit = await getDb().auditLog.findMany({ where: { entityId: endpoint.id } });
    expect(audit.map((row) => row.action)).toEqual(["endpoint.create"]);
    expect(JSON.stringify(audit.map((row) => row.data))).not.toContain(API_KEY);
  });

  it("requires the key again when the base URL changes, and keeps it otherwise", async () => {
    const admin = await makeUser("ADMIN");
    const endpoint = await createEndpoint({ actor: admin, input: input() });
    const renamed = await updateEndpoint({ actor: admin, endpointId: endpoint.id, input: input({ name: endpoint.name, apiKey: "", model: "llama-3" }) });
    expect(renamed.apiKeyLast4).toBe("abcd");
    const moved = await updateEndpoint({ actor: admin, endpointId: endpoint.id, input: input({ name: endpoint.name, apiKey: "", baseUrl: "https://elsewhere.example/v1" }) }).catch((e: unknown) => e);
    expect(moved).toMatchObject({ code: "BAD_REQUEST", fields: { apiKey: "enter the key again for the new base URL" } });
    expect((await getDb().endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).baseUrl).toBe(server.baseUrl);
    const rekeyed = await updateEndpoint({ actor: admin, endpointId: endpoint.id, input: input({ name: endpoint.name, apiKey: "sk-new-key-for-elsewhere-wxyz", baseUrl: "https://elsewhere.example/v1" }) });
    expect(rekeyed).toMatchObject({ baseUrl: "https://elsewhere.example/v1", apiKeyLast4: "wxyz" });
  });

  it("tests the connection with a one-token chat completion of the endpoint's model and key", async () => {
    const admin = await makeUser("ADMIN");
    const good = await createEndpoint({ actor: admin, input: input() });
    const before = server.requests.length;
    expect(await testEndpointConnection({ actor: admin, endpointId: good.id })).toEqual({ ok: true, model: "qwen-7b", latencyMs: expect.any(Number), models: ["qwen-7b", "llama-3"], hasConfiguredModel: true });
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ model: "qwen-7b", authorization: `Bearer ${API_KEY}`, body: { max_tokens: 1 } });
  });

  it("says the key was refused (401) without echoing it", async () => {
    const admin = await makeUser("ADMIN");
    const wrongKey = await createEndpoint({ actor: admin, input: input({ apiKey: "sk-wrong-key-123456-zzzz" }) });
    const refused = await testEndpointConnection({ actor: admin, endpointId: wrongKey.id });
    expect(refused).toEqual({ ok: false, problem: "key", model: "qwen-7b", detail: expect.stringMatching(/HTTP 401.*Incorrect API key/) });
    expect(JSON.stringify(refused)).not.toContain("sk-wrong");
  });

  it("says the server has no such model, with the models it does serve", async () => {
    const admin = await makeUser("ADMIN");
    const typo = await createEndpoint({ actor: admin, input: input({ model: "qwen-7b-instruct" }) });
    expect(await testEndpointConnection({ actor: admin, endpointId: typo.id })).toEqual({
      ok: false,
      problem: "unknownModel",
      model: "qwen-7b-instruct",
      detail: "HTTP 404 from the server: The model `qwen-7b-instruct` does not exist.",
      models: ["qwen-7b", "llama-3"],
    });
  });

  it("says when the server cannot be reached or the base URL has no chat completions", async () => {
    const admin = await makeUser("ADMIN");
    const closedPort = await freePort();
    const nowhere = await createEndpoint({ actor: admin, input: input({ baseUrl: `http://127.0.0.1:${closedPort}/v1` }) });
    expect(await testEndpointConnection({ actor: admin, endpointId: nowhere.id })).toEqual({ ok: false, problem: "other", model: "qwen-7b", detail: `Could not reach 127.0.0.1:${closedPort}: ECONNREFUSED` });
    const noV1 = await createEndpoint({ actor: admin, input: input({ baseUrl: server.baseUrl.replace(/\/v1$/, "") }) });
    expect(await testEndpointConnection({ actor: admin, endpointId: noV1.id })).toMatchObject({ ok: false, problem: "noRoute", detail: expect.stringMatching(/^HTTP 404/) });
  });

  it("names bad fields and duplicate names", async () => {
    const admin = await makeUser("ADMIN");
    const bad = await createEndpoint({ actor: admin, input: input({ baseUrl: "localhost:8000", maxConcurrency: "0" }) }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "BAD_REQUEST", fields: { baseUrl: expect.stringMatching(/http/), maxConcurrency: "max concurrency must be at least 1" } });
    const first = await createEndpoint({ actor: admin, input: input() });
    expect(await createEndpoint({ actor: admin, input: input({ name: first.name }) }).catch((e: unknown) => e)).toMatchObject({ code: "CONFLICT", fields: { name: "already in use" } });
  });

  it("archives an endpoint and forgets its key; only admins may do any of this", async () => {
    const admin = await makeUser("ADMIN");
    const endpoint = await createEndpoint({ actor: admin, input: input() });
    await archiveEndpoint({ actor: admin, endpointId: endpoint.id });
    expect(await getDb().endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ apiKeyCiphertext: null, archivedAt: expect.any(Date) });
    expect((await listEndpoints({ actor: admin })).map((e) => e.id)).not.toContain(endpoint.id);
    for (const role of ["ANNOTATOR", "ENGINEER"] as const) {
      const actor = await makeUser(role);
      await expect(listEndpoints({ actor })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createEndpoint({ actor, input: input() })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(testEndpointConnection({ actor, endpointId: endpoint.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
