import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { expect, openWorkspace, test } from "../support/fixtures";

const hostile = [
  "<script>alert('script')</script>",
  '<img src="https://tracker.example/pixel.gif" onerror="alert(\'onerror\')">',
  '<a href="javascript:alert(1)" onclick="alert(2)">html link</a>',
  "[click me](javascript:alert('md-link')) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![remote image](https://tracker.example/beacon.png)",
  '<iframe src="https://tracker.example/frame"></iframe><svg onload="alert(3)"></svg>',
  "$\\href{javascript:alert(4)}{maths link}$",
  "A".repeat(20_000),
  "| a | b |\n|---|---|\n| " + "B".repeat(5_000) + " | x |",
].join("\n\n");

test("hostile model output renders as text: no dialog, no request to another host, the layout holds", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 1, content: (_, c) => (c === 0 ? hostile : "A harmless **answer** with `code` and $x^2$.") });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const foreign: string[] = [];
  page.on("request", (request) => {
    const host = new URL(request.url()).hostname;
    if (host !== "127.0.0.1" && host !== "localhost") foreign.push(request.url());
  });

  await openWorkspace(page, set.id);
  const item = page.getByTestId("annotation-item");
  await expect(item).toBeVisible();
  const answers = page.locator("[data-testid^=answer-]");
  await expect(answers.getByText("<script>alert('script')</script>")).toBeVisible();
  await expect(answers.getByText("remote image")).toBeVisible();
  await expect(answers.locator("img, script, iframe, svg[onload], [onerror], [onclick]")).toHaveCount(0);
  const hrefs = await answers.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(hrefs.filter((href) => !/^(https?:|mailto:)/.test(href ?? ""))).toEqual([]);
  // Clicking the defanged link does nothing.
  await answers.getByText("click me").click();
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  // The huge unbroken strings wrap or scroll inside their column: the page does not widen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // Still judgeable.
  await page.keyboard.press("x");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");
  await expect.poll(() => getDb().judgment.count({ where: { promptSetId: set.id, outcome: "ALL_BAD" } })).toBe(1);
});

test("model names and sources are hidden from annotators", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 1 });
  await getDb().candidate.updateMany({ where: { prompt: { promptSetId: set.id } }, data: { model: "secret-model-x9", source: "GENERATED" } });
  await openWorkspace(page, set.id);
  await expect(page.getByTestId("annotation-item")).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain("secret-model-x9");
  expect(html).not.toContain("GENERATED");
});
