import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { expect, openWorkspace, test } from "../support/fixtures";

test("the judgment in progress survives a reload", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 2 });
  await openWorkspace(page, set.id);
  const item = page.getByTestId("annotation-item");
  const assignment = await item.getAttribute("data-assignment-id");
  await page.keyboard.press("2");
  await page.getByLabel(/Rationale/).fill("half-written thought");
  await page.reload();
  await expect(item).toHaveAttribute("data-assignment-id", assignment!);
  await expect(page.getByRole("button", { name: /B is better/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel(/Rationale/)).toHaveValue("half-written thought");
});

test("a judgment made offline is kept, shown as pending, and arrives exactly once after reload and reconnect", async ({ as }) => {
  const { user, page, context } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 3 });
  await openWorkspace(page, set.id);
  const item = page.getByTestId("annotation-item");
  const assignment = await item.getAttribute("data-assignment-id");
  // Let the next item be fetched ahead, so work can go on offline.
  await expect.poll(() => getDb().assignment.count({ where: { promptSetId: set.id, annotatorId: user.id, status: "ACTIVE" } })).toBe(2);

  await context.setOffline(true);
  await page.keyboard.press("1");
  await page.getByLabel(/Rationale/).fill("written offline");
  await page.getByRole("button", { name: /^Submit/ }).click();
  await expect(page.getByTestId("sync-status")).toContainText("1 judgment pending");
  await expect(item).not.toHaveAttribute("data-assignment-id", assignment!);
  expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(0);

  // Back online and reloaded at once: the page's load and the browser's "online" event both resend.
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");
  await expect(item).not.toHaveAttribute("data-assignment-id", assignment!);
  const judgments = await getDb().judgment.findMany({ where: { promptSetId: set.id }, select: { assignmentId: true, rationale: true } });
  expect(judgments).toEqual([{ assignmentId: assignment, rationale: "written offline" }]);
  expect(await getDb().auditLog.count({ where: { action: "judgment.submit", actorId: user.id } })).toBe(1);
});
