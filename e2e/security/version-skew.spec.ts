import { STALE_PAGE_MESSAGE } from "../../lib/http/deployment";
import { systemActor } from "../../server/authz/actor";
import { createPromptSet } from "../../server/services/prompt-sets/create-prompt-set";
import { startRun } from "../../server/services/generation/start-run";
import { makeEndpoint, makePromptSetWithPrompts } from "../../tests/support/generation-factories";
import { expect, test } from "../support/fixtures";

// A browser holding a page of an earlier build after an upgrade (README "Many machines"): played here by
// rewriting what the page sends to what an older build's page would send.

test("an API call from a page of an older build is answered 'reload the page', shown where the call failed", async ({ as }) => {
  const set = await makePromptSetWithPrompts(3, { label: "e2e skew" });
  // Nothing listens on port 9: the run stays running (retrying) while the page polls its progress.
  const endpoint = await makeEndpoint("http://127.0.0.1:9/v1", { maxConcurrency: 1 });
  await startRun({ actor: systemActor("e2e"), promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
  const { page } = await as("ADMIN");
  const sent: string[] = [];
  await page.route("**/api/generation/runs/**", async (route) => {
    const headers = route.request().headers();
    sent.push(headers["x-arbiter-deployment"] ?? "");
    await route.continue({ headers: { ...headers, "x-arbiter-deployment": "an-older-build" } });
  });
  await page.goto(`/prompt-sets/${set.id}/generate`);
  await expect(page.locator('[data-testid^="run-error-"]').first()).toContainText(STALE_PAGE_MESSAGE);
  // The page sends its own build's id (the server compares it with its own).
  expect(sent.length).toBeGreaterThan(0);
  expect(sent[0]).toMatch(/\S/);
  expect(sent[0]).not.toBe("an-older-build");
});

test("a form of a page of an older build (an action the server no longer has) shows 'reload the page'", async ({ as }) => {
  const set = await createPromptSet({ actor: systemActor("e2e"), input: { name: `Skew ${crypto.randomUUID().slice(0, 8)}` } });
  const { page } = await as("ADMIN");
  await page.goto(`/prompt-sets/${set.id}/settings`);
  await page.route(`**/prompt-sets/${set.id}/settings`, async (route) => {
    const headers = route.request().headers();
    if (route.request().method() !== "POST" || !headers["next-action"]) return route.continue();
    await route.continue({ headers: { ...headers, "next-action": `7f${"0".repeat(40)}` } });
  });
  await page.getByLabel("Guidelines").fill("Prefer the answer that says who it is.");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("heading", { name: "Arbiter was updated" })).toBeVisible();
  await expect(page.getByTestId("page-error")).toHaveText(STALE_PAGE_MESSAGE);
  await expect(page.getByRole("button", { name: "Reload the page" })).toBeVisible();
});
