import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "../../server/db/client";
import { makeUser } from "../../tests/support/factories";
import { makePromptSetWithPrompts } from "../../tests/support/generation-factories";
import { expect, signInOverHttp, test } from "../support/fixtures";

// An attacker's page on another port of the same host (same site: SameSite=Lax cookies go along) tries
// every write a signed-in admin's browser could be made to send without a CORS preflight.

let attacker: Server;
let attackerOrigin = "";
let attackPage = "";

test.beforeAll(async () => {
  attacker = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(attackPage);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

test("an attacker page on another origin cannot make a signed-in admin's browser write anything", async ({ browser, baseURL }) => {
  const admin = await makeUser("ADMIN");
  const victim = await makeUser("ANNOTATOR");
  const set = await makePromptSetWithPrompts(0, { label: "csrf" });
  const intruder = `intruder-${Date.now()}@attacker.test`;
  const app = new URL(baseURL!).origin;
  const json = JSON.stringify({ email: intruder, name: "Intruder", role: "ADMIN", password: "attacker-chosen-passphrase-77" });
  const attacks = [
    { name: "create admin, JSON sent as text/plain", url: `${app}/api/admin/users`, body: `new Blob([${JSON.stringify(json)}], { type: "text/plain" })` },
    { name: "create admin, form-encoded", url: `${app}/api/admin/users`, body: `new URLSearchParams({ email: ${JSON.stringify(intruder)}, name: "Intruder", role: "ADMIN" })` },
    { name: "create admin, multipart", url: `${app}/api/admin/users`, body: `(() => { const f = new FormData(); f.set("email", ${JSON.stringify(intruder)}); f.set("role", "ADMIN"); return f; })()` },
    { name: "reset a password", url: `${app}/api/admin/users/${victim.id}/password`, body: `new Blob(['{"password":"attacker-chosen-passphrase-77"}'], { type: "text/plain" })` },
    { name: "import prompts", url: `${app}/api/prompt-sets/${set.id}/import?format=jsonl`, body: `new Blob(['{"prompt":"injected by an attacker"}\\n'], { type: "text/plain" })` },
    { name: "sign out", url: `${app}/api/auth/signout`, body: `new URLSearchParams({ csrfToken: "guess", json: "true" })` },
  ];
  attackPage = `<!doctype html><title>cute cats</title><script>
    (async () => {
      ${attacks.map((attack) => `await fetch(${JSON.stringify(attack.url)}, { method: "POST", mode: "no-cors", credentials: "include", body: ${attack.body} }).catch(() => {});`).join("\n      ")}
      document.title = "done";
    })();
  </script>`;

  // A browser signed in as the admin, without the test fixture's Origin header: the browser sets its own.
  const context = await browser.newContext();
  await signInOverHttp(context.request, admin);
  const page = await context.newPage();
  const statuses: [string, number][] = [];
  page.on("response", (response) => {
    if (response.url().startsWith(app)) statuses.push([`${response.request().method()} ${response.url()}`, response.status()]);
  });
  await page.goto(attackerOrigin);
  await expect(page).toHaveTitle("done");

  expect(statuses).toEqual(attacks.map((attack) => [`POST ${attack.url}`, 403]));
  expect(await getDb().user.count({ where: { email: intruder } })).toBe(0);
  expect((await getDb().user.findUniqueOrThrow({ where: { id: victim.id } })).sessionVersion).toBe(0);
  expect(await getDb().prompt.count({ where: { promptSetId: set.id } })).toBe(0);

  // The refusal says why, to whoever reads it (here the same request from the attacker's origin, readable outside a browser).
  const replay = await context.request.post(`${app}/api/admin/users`, { headers: { origin: attackerOrigin, "content-type": "text/plain" }, data: json });
  expect(replay.status()).toBe(403);
  expect((await replay.json()).error.message).toMatch(/^Refused: a request that changes data must send Content-Type: application\/json/);
  const replayJson = await context.request.post(`${app}/api/admin/users`, { headers: { origin: attackerOrigin }, data: JSON.parse(json) as object });
  expect((await replayJson.json()).error.message).toBe(`Refused: this request came from ${attackerOrigin}, not from ${app}; changes are only accepted from the app's own pages.`);

  // The admin's own pages still write (the browser sends the app's origin).
  const own = await page.goto(`${app}/users`);
  expect(own?.status()).toBe(200);
  const created = await page.evaluate(async (email) => {
    const response = await fetch("/api/admin/users", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, name: "Real", role: "ANNOTATOR" }) });
    return response.status;
  }, `real-${Date.now()}@test.arbiter`);
  expect(created).toBe(201);
  await context.close();
});
