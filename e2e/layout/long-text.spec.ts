import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { expect, test } from "../support/fixtures";

// 20,000 characters without a space: it made the prompt-set page 187,058 px wide and the generate page
// 2,169 px wide. Every page must keep it inside its box.
const unbroken = "x".repeat(20_000);

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1400, height: 900 },
]) {
  test(`a 20,000-character word stays inside its box at ${viewport.width}x${viewport.height}`, async ({ as }) => {
    // Six pages, each loaded and measured: more than the default 30 s on a loaded machine.
    test.slow();
    const { user, page } = await as("ADMIN");
    const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 1, content: (p, c) => `${c}${unbroken}` });
    const [promptId] = set.promptIds;
    await getDb().prompt.update({ where: { id: promptId! }, data: { messages: [{ role: "system", content: `s${unbroken}` }, { role: "user", content: `u${unbroken}` }], referenceAnswer: `r${unbroken}` } });
    // The set's own text at the longest its form takes (description 2,000 characters) and unbroken guidelines.
    await getDb().promptSet.update({ where: { id: set.id }, data: { description: `d${unbroken.slice(0, 1_999)}`, guidelines: `g${unbroken}`, defaultSystemMessage: `m${unbroken}` } });
    await page.setViewportSize(viewport);
    for (const path of ["/prompt-sets", `/prompt-sets/${set.id}`, `/prompt-sets/${set.id}/settings`, `/prompt-sets/${set.id}/generate`, `/annotate/${set.id}`, `/review/prompts/${promptId}`]) {
      await page.goto(path);
      await page.locator("details summary").first().click({ timeout: 2_000 }).catch(() => undefined); // open the prompt on the set's page
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is ${width}px wide`).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: test.info().outputPath(`long-text-${path.split("/")[1]}-${path.split("/").at(-1)}-${viewport.width}x${viewport.height}.png`) });
    }
  });
}
