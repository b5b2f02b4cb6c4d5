import type { Page } from "@playwright/test";
import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { expect, openWorkspace, test } from "../support/fixtures";

/** Paragraphs per answer of the first, second and third item shown: each much longer than the one before. */
const paragraphs = [1, 60, 150];
const answer = (item: number, candidate: number, count: number) =>
  Array.from({ length: count }, (_, i) => `Item ${item + 1}, answer ${candidate + 1}, paragraph ${i + 1}: an answer that goes on.`).join("\n\n");

/**
 * The page's scrolling height, that height with the item ahead taken out of the page (up to the box it
 * shares with the item on screen), and where the item ahead would end if nothing clipped it.
 */
const heights = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    const shown = document.querySelector('[data-testid="answer-A"]')!;
    const layer = document.querySelector<HTMLElement>('[data-testid="annotation-ahead"]')!;
    let ahead = layer;
    while (ahead.parentElement && !ahead.parentElement.contains(shown)) ahead = ahead.parentElement;
    const withAhead = root.scrollHeight;
    const aheadEnd = layer.getBoundingClientRect().top + window.scrollY + layer.scrollHeight;
    ahead.style.display = "none";
    const withoutAhead = root.scrollHeight;
    ahead.style.display = "";
    return { withAhead, withoutAhead, aheadEnd };
  });

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 800 },
]) {
  test(`a longer item ahead never lengthens the page, and the next item shows from its top (${viewport.width}x${viewport.height})`, async ({ as }) => {
    const { user, page } = await as("ANNOTATOR");
    const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 3 });
    // The queue serves prompts in id order: give the first served the shortest answers, the last the longest.
    const served = [...set.promptIds].sort();
    for (const [item, promptId] of served.entries()) {
      const candidates = await getDb().candidate.findMany({ where: { promptId }, orderBy: { id: "asc" }, select: { id: true } });
      for (const [index, candidate] of candidates.entries()) {
        await getDb().candidate.update({ where: { id: candidate.id }, data: { content: answer(item, index, paragraphs[item]!) } });
      }
    }
    const question = (item: number) => `Question ${set.promptIds.indexOf(served[item]!) + 1}: who are you?`;
    await page.setViewportSize(viewport);
    await openWorkspace(page, set.id);
    const ahead = page.getByTestId("annotation-ahead");
    await expect(page.getByText(question(0))).toBeVisible();
    await expect(ahead).toBeAttached();
    // Hidden from screen readers and out of the keyboard's and the pointer's reach until shown.
    expect(await ahead.evaluate((layer) => [layer.closest("[aria-hidden=true]") !== null, layer.closest("[inert]") !== null])).toEqual([true, true]);
    // Answers in full ("f"): the item ahead is now thousands of pixels longer than the page.
    await page.keyboard.press("f");
    await expect(page.getByRole("button", { name: /^Collapse long answers/ }).first()).toHaveAttribute("aria-pressed", "true");
    const first = await heights(page);
    expect(first.aheadEnd, "the item ahead is longer than the page").toBeGreaterThan(first.withoutAhead + 1_000);
    await expect.poll(async () => (await heights(page)).withAhead, "the page's height, with the item ahead in it").toBe(first.withoutAhead);
    // The item ahead lies over the form below the shorter item on screen: the pointer reaches the form.
    await page.getByRole("checkbox", { name: "Unsafe" }).click();
    await expect(page.getByRole("checkbox", { name: "Unsafe" })).toBeChecked();

    // Shown, it is whole (nothing clipped), and its own next item, longer still, does not lengthen the page.
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
    await expect(page.getByText(question(1))).toBeVisible();
    const last = page.getByText("Item 2, answer 1, paragraph 60:");
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await expect(ahead).toBeAttached();
    const second = await heights(page);
    expect(second.aheadEnd, "the item ahead is longer than the page").toBeGreaterThan(second.withoutAhead + 1_000);
    await expect.poll(async () => (await heights(page)).withAhead, "the page's height, with the item ahead in it").toBe(second.withoutAhead);

    // Submitted from the end of the page, the next item shows from its top.
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1_000);
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
    await expect(page.getByText(question(2))).toBeInViewport();
    await expect(page.getByTestId("sync-status")).toBeInViewport();
  });
}
