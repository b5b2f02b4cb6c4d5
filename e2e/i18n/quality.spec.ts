import { getDb } from "../../server/db/client";
import { drawsChineseGlyphs } from "../support/cjk";
import { expect, test } from "../support/fixtures";
import { MODEL_A, MODEL_B, seedEvaluationSet } from "../quality/seed";

// The Quality and Leaderboard pages in Chinese, with the numbers the API has: verifier pass rates with
// Wilson intervals, the two-model comparison's pass-rate difference rows, and the category breakdown on
// a metadata key the reader picks.
test("Quality and Leaderboard in Chinese: pass rates, comparison rows and a chosen category key, numbers as text", async ({ as }) => {
  const { user, page } = await as("ADMIN");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  const { set, prompts } = await seedEvaluationSet([]);
  // Verifier results on the judged prompts: alpha passes every check; beta passes the answer check on
  // two of four and the instruction check on one of four.
  const scored = prompts.slice(1);
  const scores = scored.flatMap(({ alpha, beta }, index) => [
    { candidateId: alpha.id, promptSetId: set.id, scorerKind: "VERIFIER" as const, scorerName: "math", scorerVersion: "math@1-test", passed: true, reason: "matches" },
    { candidateId: alpha.id, promptSetId: set.id, scorerKind: "VERIFIER" as const, scorerName: "names Deep Qwen", scorerVersion: "must_include@1-test", passed: true, reason: "found" },
    { candidateId: beta.id, promptSetId: set.id, scorerKind: "VERIFIER" as const, scorerName: "math", scorerVersion: "math@1-test", passed: index < 2, reason: "checked" },
    { candidateId: beta.id, promptSetId: set.id, scorerKind: "VERIFIER" as const, scorerName: "names Deep Qwen", scorerVersion: "must_include@1-test", passed: index === 0, reason: "checked" },
  ]);
  await getDb().candidateScore.createMany({ data: scores });

  await page.goto(`/leaderboard?promptSetId=${set.id}&categoryKey=topic&compareA=model:${MODEL_A}&compareB=model:${MODEL_B}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "排行榜" })).toBeVisible();
  await expect(page.getByTestId("board-HUMAN")).toContainText("人工评判");

  // Pass rates: one row per model and check, plus "every instruction check"; rates and intervals as text.
  const passRates = page.getByTestId("pass-rates");
  await expect(passRates.getByRole("heading", { name: "校验器通过率" })).toBeVisible();
  const alphaMath = passRates.getByTestId("pass-rate-row").filter({ hasText: MODEL_A }).filter({ hasText: "答案检查" });
  await expect(alphaMath.getByTestId("pass-rate")).toHaveText("100.0%");
  await expect(alphaMath).toContainText("4 个中通过 4 个");
  const betaMath = passRates.getByTestId("pass-rate-row").filter({ hasText: MODEL_B }).filter({ hasText: "答案检查" });
  await expect(betaMath.getByTestId("pass-rate")).toHaveText("50.0%");
  // Wilson 95% for 2 of 4: [15.0%, 85.0%] (z = 1.96: centre 0.5, half-width 0.350).
  await expect(betaMath.getByTestId("pass-rate-interval")).toHaveText("[15.0%, 85.0%]");
  await expect(passRates.getByTestId("pass-rate-row").filter({ hasText: "全部指令检查" })).toHaveCount(2);

  // The comparison: strength, head-to-head and one pass-rate difference row per check, in Chinese.
  const compare = page.getByTestId("compare-row");
  await expect(compare.filter({ hasText: "强度差（theta A − theta B）" })).toHaveCount(1);
  await expect(compare.filter({ hasText: "A 的一对一胜率" })).toHaveCount(1);
  await expect(compare.filter({ hasText: "通过率差（A − B）：math" })).toContainText("50.0%");
  await expect(compare.filter({ hasText: "通过率差（A − B）：全部指令检查" })).toHaveCount(1);

  // Categories on the chosen key: the two topics, both models.
  const categories = page.getByTestId("categories");
  await expect(categories.getByRole("heading", { name: "按类别（提示元数据“topic”，人工评判）" })).toBeVisible();
  await expect(categories.getByTestId("category-row").filter({ hasText: "maths" })).toHaveCount(2);
  await expect(categories.getByTestId("category-row").filter({ hasText: "words" })).toHaveCount(2);
  expect(await drawsChineseGlyphs(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("leaderboard-zh-CN.png"), fullPage: true });

  // Quality in Chinese: the agreement figures' labels and the annotators table.
  await page.goto(`/prompt-sets/${set.id}/quality`);
  await expect(page.getByRole("heading", { level: 1, name: `质量：${set.name}` })).toBeVisible();
  await expect(page.getByTestId("pairwise-agreement")).toContainText("两两一致率");
  await expect(page.getByRole("columnheader", { name: /金标题准确率/ })).toBeVisible();
  await expect(page.getByTestId("annotator-row")).toHaveCount(1);
  await expect(page.getByTestId("annotator-row")).toContainText("4");
  await page.screenshot({ path: test.info().outputPath("quality-zh-CN.png"), fullPage: true });
});
