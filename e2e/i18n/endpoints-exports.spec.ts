import { randomUUID } from "node:crypto";
import { getDb } from "../../server/db/client";
import { makeCandidate, makeJudgment, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { makeUser } from "../../tests/support/factories";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../tests/support/fake-openai-server";
import { drawsChineseGlyphs } from "../support/cjk";
import { expect, test } from "../support/fixtures";

// The endpoints and exports pages in Chinese (a user whose saved language is zh-CN), with the
// rough edges of issue 13 on them: Test connection names a wrong model, Start export opens the export.

let server: FakeOpenAiServer;
const apiKey = `sk-e2e-${randomUUID()}`;
const models = ["qwen-e2e", "other-model"];

test.beforeAll(async () => {
  // As vLLM answers a chat completion for a model it does not serve: 404 naming the model.
  server = await startFakeOpenAiServer({
    apiKey,
    models,
    reply: (request) => (models.includes(request.model) ? { kind: "ok" } : { kind: "status", status: 404, message: `The model \`${request.model}\` does not exist.` }),
  });
});
test.afterAll(() => server.close());

test("an admin adds endpoints and tests their connection in Chinese: one answers, one names a model the server lacks", async ({ as }) => {
  const { user, page } = await as("ADMIN");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto("/endpoints");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "端点" })).toBeVisible();

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "添加端点" }) });
  const add = async (name: string, model: string) => {
    await form.getByLabel("名称").fill(name);
    await form.getByLabel("模型").fill(model);
    await form.getByLabel("Base URL").fill(server.baseUrl);
    await form.getByLabel("API 密钥").fill(apiKey);
    await form.getByRole("button", { name: "添加端点" }).click();
    await expect(form.getByRole("status")).toContainText(`已添加 ${name}。`);
  };
  const good = `好 ${randomUUID().slice(0, 6)}`;
  const typo = `错 ${randomUUID().slice(0, 6)}`;
  await add(good, "qwen-e2e");
  await add(typo, "qwen-e2e-typo");

  const goodCard = page.getByTestId(`endpoint-${good}`);
  await goodCard.getByRole("button", { name: "测试连接" }).click();
  await expect(goodCard.getByTestId(/^connection-/)).toContainText("连接成功。");
  await expect(goodCard.getByTestId(/^connection-/)).toContainText("qwen-e2e 使用已保存的密钥在");

  const typoCard = page.getByTestId(`endpoint-${typo}`);
  await typoCard.getByRole("button", { name: "测试连接" }).click();
  await expect(typoCard.getByTestId(/^connection-/)).toContainText("连接失败。");
  await expect(typoCard.getByTestId(/^connection-/)).toContainText("服务端没有名为“qwen-e2e-typo”的模型");
  await expect(typoCard.getByTestId(/^connection-/)).toContainText("它提供的模型：qwen-e2e, other-model");
  // The chat completion went out with the endpoint's model and key, one token.
  expect(server.requests.filter((request) => request.model === "qwen-e2e-typo")).toEqual([expect.objectContaining({ authorization: `Bearer ${apiKey}`, body: expect.objectContaining({ max_tokens: 1 }) })]);

  expect(await drawsChineseGlyphs(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("endpoints-zh-CN-1400x900.png"), fullPage: true });
});

test("an engineer previews and starts an export in Chinese, and lands on the export's own page", async ({ as }) => {
  const annotator = await makeUser("ANNOTATOR");
  const set = await makePromptSet({ name: `e2e-zh-${randomUUID().slice(0, 8)}` });
  for (let i = 0; i < 3; i += 1) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: `你是谁？(${i})` }]);
    const [good, bad] = [await makeCandidate(prompt.id, `我是 Deep Qwen ${i}。`), await makeCandidate(prompt.id, `我是通义千问 ${i}。`)];
    await makeJudgment(prompt, annotator.id, { outcome: "PREFERENCE", ranks: [{ candidateId: good.id, rank: 1 }, { candidateId: bad.id, rank: 2 }] });
  }
  const { user, page } = await as("ENGINEER");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/exports");
  await expect(page.getByRole("heading", { level: 1, name: "导出" })).toBeVisible();
  await page.getByLabel("格式").selectOption("trl-preference");
  await page.getByLabel(new RegExp(`^${set.name}（`)).check();
  await page.getByLabel("测试集（%）").fill("0");
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("export-rows")).toHaveText("3 行，来自 3 个提示");
  await expect(page.getByTestId("export-split-train")).toHaveText("train：3 行，3 个提示");
  expect(await drawsChineseGlyphs(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("export-preview-zh-CN-1280x720.png"), fullPage: true });

  await page.getByLabel("名称（可选）").fill(`中文 ${set.name}`);
  await page.getByRole("button", { name: "开始导出" }).click();
  await page.waitForURL(/\/exports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `中文 ${set.name}` })).toBeVisible();
  await expect(page.getByText("已完成", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "数量与统计" })).toBeVisible();
  await expect(page.getByRole("link", { name: "下载 .zip" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("export-page-zh-CN-1280x720.png"), fullPage: true });
});
