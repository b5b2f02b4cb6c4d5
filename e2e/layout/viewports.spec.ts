import type { Page } from "@playwright/test";
import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { judgePair } from "../../tests/support/export-factories";
import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";

// Every page an admin can open, at the two laptop screens of issue 13 and in both languages: it renders
// (a level-1 heading, no error page), nothing is wider than the window, and the navigation is there.
// The screenshots (test-results) are what the closing note's "pages checked" list refers to.
const viewports = [
  { width: 1280, height: 720 },
  { width: 1400, height: 900 },
] as const;

async function checkPage(page: Page, path: string, label: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers 200`).toBe(200);
  await expect(page.locator("h1").first(), `${path} has its heading`).toBeVisible();
  await expect(page.getByText(/Application error|This page does not exist|页面不存在/)).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${path} is ${overflow}px wider than the window`).toBeLessThanOrEqual(1);
  await page.screenshot({ path: test.info().outputPath(`${label}.png`) });
}

for (const locale of ["en", "zh-CN"] as const) {
  for (const viewport of viewports) {
    test(`every admin page at ${viewport.width}x${viewport.height} in ${locale}: renders, fits the window`, async ({ as }) => {
      test.slow(); // seventeen pages in one test
      const { user, page } = await as("ADMIN");
      await getDb().user.update({ where: { id: user.id }, data: { locale } });
      const annotator = await makeUser("ANNOTATOR");
      const set = await makeAnnotationSet({ memberIds: [user.id, annotator.id], prompts: 3 });
      const [promptId] = set.promptIds;
      const candidates = await getDb().candidate.findMany({ where: { promptId: promptId! }, orderBy: { id: "asc" }, select: { id: true } });
      await judgePair({ id: promptId!, promptSetId: set.id }, annotator.id, candidates[0]!.id, candidates[1]!.id);
      const exported = await getDb().export.create({ data: { name: "viewport check", format: "trl-preference", createdById: user.id, filters: { promptSetIds: [set.id] } } });

      await page.setViewportSize(viewport);
      const size = `${viewport.width}x${viewport.height}-${locale}`;
      const paths: [string, string][] = [
        ["/", "home"],
        ["/annotate", "annotate"],
        [`/annotate/${set.id}`, "workspace"],
        ["/prompt-sets", "prompt-sets"],
        [`/prompt-sets/${set.id}`, "prompt-set"],
        [`/prompt-sets/${set.id}/settings`, "settings"],
        [`/prompt-sets/${set.id}/generate`, "generate"],
        [`/prompt-sets/${set.id}/batch`, "batch"],
        [`/prompt-sets/${set.id}/quality`, "quality"],
        ["/leaderboard", "leaderboard"],
        ["/exports", "exports"],
        [`/exports/${exported.id}`, "export"],
        ["/review", "review"],
        [`/review/${set.id}`, "review-set"],
        [`/review/prompts/${promptId}`, "review-prompt"],
        ["/endpoints", "endpoints"],
        ["/users", "users"],
      ];
      for (const [path, label] of paths) await checkPage(page, path, `${label}-${size}`);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
    });
  }
}
