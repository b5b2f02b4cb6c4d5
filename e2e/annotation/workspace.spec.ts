import type { Page, Route } from "@playwright/test";
import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { expect, openWorkspace, test } from "../support/fixtures";

const long = (label: string) => Array.from({ length: 120 }, (_, i) => `${label} line ${i + 1}: a long answer that goes on and on.`).join("\n\n");

/** The element is entirely inside the window as it is, without scrolling. */
async function expectInViewport(page: Page, name: RegExp | string) {
  const box = await page.getByRole("button", { name }).first().boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${name} is laid out`).not.toBeNull();
  expect(box!.y, `${name} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${name} bottom within ${size.height}px`).toBeLessThanOrEqual(size.height);
  expect(box!.x + box!.width, `${name} right within ${size.width}px`).toBeLessThanOrEqual(size.width);
}

test("the first item is in the server's HTML, not a Loading placeholder", async ({ as }) => {
  const { user, context } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 2 });
  const html = await (await context.request.get(`/annotate/${set.id}`)).text();
  // Either prompt may come first: the queue's order is the prompts' ids (shuffled).
  expect(html).toMatch(/Question [12]: who are you\?/);
  expect(html).toContain('data-testid="annotation-item"');
  expect(html).not.toContain('data-testid="queue-loading"');
});

for (const viewport of [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`Submit and the verdicts stay on screen at ${viewport.width}x${viewport.height} with long answers`, async ({ as }) => {
    const { user, page } = await as("ANNOTATOR");
    const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 2, content: (p, c) => long(`P${p} C${c}`) });
    await page.setViewportSize(viewport);
    await openWorkspace(page, set.id);
    await expect(page.getByTestId("annotation-item")).toBeVisible();
    for (const name of [/A is better/, /B is better/, /^Tie/, /Both bad/, /^Submit/]) await expectInViewport(page, name);
    await expect(page.getByTestId("queue-progress")).toHaveText("Item 1 of the 2 you can still judge in this set");
    await expect(page.getByTestId("set-progress")).toHaveText("The set: 0 of 2 judgments (0%)");
    await page.screenshot({ path: test.info().outputPath(`workspace-${viewport.width}x${viewport.height}.png`) });
    // Expanded answers are far taller than the window: the bar still stays.
    await page.keyboard.press("f");
    await page.mouse.wheel(0, 2_000);
    await expectInViewport(page, /^Submit/);
    await page.getByRole("button", { name: /B is better/ }).click();
    await page.getByRole("button", { name: /^Submit/ }).click();
    await expect(page.getByTestId("queue-progress")).toHaveText("Item 2 of the 2 you can still judge in this set");
    await expect(page.getByTestId("set-progress")).toHaveText("The set: 1 of 2 judgments (50%)");
  });
}

test("on a narrow window the workspace still judges and submits", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 1, content: (p, c) => long(`N${c}`) });
  await page.setViewportSize({ width: 390, height: 800 });
  await openWorkspace(page, set.id);
  await expectInViewport(page, /^Submit/);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(390);
  await page.getByRole("button", { name: /A is better/ }).click();
  await page.getByRole("button", { name: /^Submit/ }).click();
  await expect(page.getByRole("heading", { name: "Nothing left to judge here" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");
  expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(1);
});

test("shortcuts keep working after a click on a flag checkbox or the theme switch; typing with an IME fires nothing", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 2 });
  await openWorkspace(page, set.id);
  const item = page.getByTestId("annotation-item");
  await expect(item).toBeVisible();

  await page.getByRole("checkbox", { name: "Unsafe" }).click();
  await expect(page.getByRole("checkbox", { name: "Unsafe" })).toBeFocused();
  await page.keyboard.press("2");
  await expect(page.getByRole("button", { name: /B is better/ })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("radio", { name: "Dark" }).click();
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: /A is better/ })).toHaveAttribute("aria-pressed", "true");

  // An input method composing in the rationale: Ctrl+Enter and Escape belong to the IME, not the page.
  await page.keyboard.press("r");
  const rationale = page.getByLabel(/Rationale/);
  await expect(rationale).toBeFocused();
  const first = await item.getAttribute("data-assignment-id");
  await rationale.evaluate((field) => {
    field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, isComposing: true, bubbles: true, cancelable: true }));
    field.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", keyCode: 229, bubbles: true, cancelable: true }));
  });
  await expect(rationale).toBeFocused();
  await expect(item).toHaveAttribute("data-assignment-id", first!);
  await rationale.fill("选 A：它说自己是谁");
  await page.keyboard.press("Control+Enter");
  await expect(item).not.toHaveAttribute("data-assignment-id", first!);
  // The next item shows at once and the judgment is sent behind it: read the database once it is saved.
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");
  const judgment = await getDb().judgment.findFirst({ where: { assignmentId: first! }, select: { rationale: true, flags: true } });
  expect(judgment).toEqual({ rationale: "选 A：它说自己是谁", flags: ["UNSAFE"] });
});

test("the next item is rendered ahead after every submit, and Enter shows it without waiting for the network", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 9 });
  await openWorkspace(page, set.id);
  const item = page.getByTestId("annotation-item");
  const ahead = page.getByTestId("annotation-ahead");
  /** The lease held besides the item on screen: the item claimed ahead. */
  const leaseAhead = async () => {
    const shown = await item.getAttribute("data-assignment-id");
    const active = await getDb().assignment.findMany({ where: { promptSetId: set.id, annotatorId: user.id, status: "ACTIVE", id: { not: shown! } }, select: { id: true } });
    return active.length === 1 ? active[0]!.id : null;
  };
  const submit = async () => {
    await expect(ahead).toBeAttached();
    const next = await leaseAhead();
    expect(next, "an item is claimed ahead").not.toBeNull();
    await page.keyboard.press("1");
    await expect(page.getByRole("button", { name: /A is better/ })).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("Enter");
    await expect(item).toHaveAttribute("data-assignment-id", next!);
  };
  // More items than the five leases a claim may pass over: the claim ahead must always pass over the one on
  // screen (it once dropped it after four items, and nothing was fetched ahead from then on).
  for (let i = 0; i < 7; i++) await submit();
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");
  // With every answer from the server held back, Enter still shows the item ahead; the judgment waits.
  const held: Route[] = [];
  let holding = true;
  await page.route("**/api/annotation/**", (route) => (holding ? void held.push(route) : void route.continue()));
  await submit();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(7);
  holding = false;
  for (const route of held) await route.continue();
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");
  expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(8);
});

test("identical answers are merged: never shown as a pair, nor twice in a ranking", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const texts = ["I am Qwen.", "  I am Qwen.\n", "I am Deep Qwen."];
  const pairwise = await makeAnnotationSet({ memberIds: [user.id], prompts: 3, candidatesPerPrompt: 3, content: (p, c) => texts[c]! });
  await openWorkspace(page, pairwise.id);
  for (let i = 0; i < 3; i++) {
    const shown = [(await page.getByTestId("answer-A").innerText()).includes("Deep"), (await page.getByTestId("answer-B").innerText()).includes("Deep")];
    expect(shown.filter(Boolean)).toHaveLength(1);
    await page.keyboard.press("1");
    // As a person does: the choice is on screen before Enter.
    await expect(page.getByRole("button", { name: /A is better/ })).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("Enter");
    if (i < 2) await expect(page.getByTestId("queue-progress")).toContainText(`Item ${i + 2} of`);
  }
  const ranking = await makeAnnotationSet({ memberIds: [user.id], prompts: 1, candidatesPerPrompt: 3, mode: "RANKING", content: (p, c) => texts[c]! });
  await openWorkspace(page, ranking.id);
  await expect(page.getByRole("list", { name: "Ranking, best first" }).getByRole("listitem")).toHaveCount(2);
});

test("a member paused by the gold rule is told why, in their language, and gets no item", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 2 });
  await getDb().promptSetMember.update({
    where: { promptSetId_userId: { promptSetId: set.id, userId: user.id } },
    data: {
      pausedAt: new Date("2026-11-30T12:00:00Z"),
      pausedWhy: "Gold accuracy 40% over 5 gold items is below the set's minimum of 70%.",
      pausedReason: { key: "goldAccuracy", params: { accuracy: 0.4, items: 5, minimum: 0.7 } },
    },
  });
  await page.goto(`/annotate/${set.id}`);
  await expect(page.getByRole("heading", { name: "Your work in this prompt set is paused" })).toBeVisible();
  await expect(page.getByTestId("pause-reason")).toContainText("Your accuracy on gold items is 40% over 5 gold items, below this set's minimum of 70%.");
  await expect(page.getByTestId("annotation-item")).toHaveCount(0);

  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  await page.reload();
  await expect(page.getByTestId("pause-reason")).toContainText("你在 5 道金标题上的准确率为 40%，低于此提示集要求的最低 70%。");
  expect(await getDb().assignment.count({ where: { promptSetId: set.id, annotatorId: user.id } })).toBe(0);
});
