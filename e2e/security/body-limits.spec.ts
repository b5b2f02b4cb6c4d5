import { request as httpRequest } from "node:http";
import { FORM_TOO_LARGE_MESSAGE } from "../../lib/http/write-request";
import { systemActor } from "../../server/authz/actor";
import { getDb } from "../../server/db/client";
import { createPromptSet } from "../../server/services/prompt-sets/create-prompt-set";
import { expect, test } from "../support/fixtures";

// Every JSON API stops at 1 MiB (413 naming the limit) instead of reading and parsing whatever comes.

test("an annotator's oversized judgment is refused with 413, declared or chunked", async ({ as, baseURL }) => {
  const { context } = await as("ANNOTATOR");
  const big = JSON.stringify({ assignmentId: "00000000-0000-0000-0000-000000000000", rationale: "x".repeat(2 * 1024 * 1024) });
  const declared = await context.request.post("/api/annotation/judgments", { headers: { "content-type": "application/json" }, data: big });
  expect(declared.status()).toBe(413);
  expect(await declared.json()).toEqual({
    error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than the 1 MiB limit of this API.", key: "http.bodyTooLarge", params: { limit: "1 MiB" } },
  });

  // No Content-Length: the server counts as it reads and answers before the 8 MiB are all sent.
  const cookie = (await context.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const url = new URL("/api/annotation/judgments", baseURL);
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    let answered: { status: number; body: string } | undefined;
    const request = httpRequest(url, { method: "POST", headers: { cookie, origin: url.origin, "content-type": "application/json", "transfer-encoding": "chunked" } }, (response) => {
      answered = { status: response.statusCode ?? 0, body: "" };
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (answered!.body += chunk));
      response.on("end", () => resolve(answered!));
      response.on("close", () => resolve(answered!));
    });
    // The server may close the connection once it has answered; the answer is what counts.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 128 && !request.destroyed) {
        sent += 1;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end();
    };
    request.write("{");
    pump();
  });
  expect(status).toBe(413);
  expect(JSON.parse(body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
});

test("the anonymous sign-in callback refuses a large body with 413", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL!).origin } });
  const { csrfToken } = (await (await anonymous.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await anonymous.post("/api/auth/callback/credentials", { form: { csrfToken, email: "someone@test.arbiter", password: "p".repeat(100_000) }, maxRedirects: 0 });
  expect(response.status()).toBe(413);
  expect((await response.json()).error.message).toBe("The request body is larger than the 16 KiB limit of this API.");
  await anonymous.dispose();
});

test("a form over the 1 MiB server-action limit shows why instead of a server error", async ({ as }) => {
  const set = await createPromptSet({ actor: systemActor("e2e"), input: { name: `Limits ${crypto.randomUUID().slice(0, 8)}` } });
  const { page } = await as("ADMIN");
  await page.goto(`/prompt-sets/${set.id}/settings`);
  const answer = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes(`/prompt-sets/${set.id}`));
  await page.getByLabel("Guidelines").fill("g".repeat(1_200_000));
  await page.getByRole("button", { name: "Save settings" }).click();
  expect((await answer).status()).toBe(413);
  await expect(page.getByRole("heading", { name: "Too much to send" })).toBeVisible();
  await expect(page.getByTestId("page-error")).toHaveText(FORM_TOO_LARGE_MESSAGE);
  expect((await getDb().promptSet.findUniqueOrThrow({ where: { id: set.id } })).guidelines ?? "").not.toContain("ggg");
});
