import { randomUUID } from "node:crypto";
import { getDb } from "../../server/db/client";
import { drawsChineseGlyphs } from "../support/cjk";
import { expect, test } from "../support/fixtures";

// An admin who works in Chinese: creates a set, imports records (one read as prompt plus answer),
// adds a rewrite rule, applies it, sees which changes already exist, opens the settings and the
// generate page, and gets a server refusal in Chinese. Screenshots at 1400x900.
test("an admin's prompt-set pages in Chinese: create, import with a notice, rewrite rules, settings, a refusal", async ({ as }) => {
  // A whole story over five pages: more than the default 30 s on a loaded machine.
  test.slow();
  const { user, page } = await as("ADMIN");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  await page.setViewportSize({ width: 1400, height: 900 });
  const name = `身份微调 ${randomUUID().slice(0, 8)}`;

  await page.goto("/prompt-sets");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "提示集" })).toBeVisible();
  await page.getByLabel("名称", { exact: true }).fill(name);
  await page.getByLabel("标注指南（Markdown）").fill("优先选择自称 **Deep Qwen** 的回答。");
  await page.getByRole("button", { name: "创建提示集" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("link", { name: "生成候选回答" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "导入提示" })).toBeVisible();

  const records = [
    { messages: [{ role: "user", content: "你是谁？" }, { role: "assistant", content: "我是 Qwen，一个 AI 助手。" }] },
    { prompt: "介绍一下你自己。", responses: ["我是 Qwen，由阿里云开发。"] },
  ];
  await page.getByRole("button", { name: "粘贴文本" }).click();
  await page.getByLabel("记录", { exact: true }).fill(records.map((record) => JSON.stringify(record)).join("\n"));
  await page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("已导入 2 个提示和 2 个回答。");
  await expect(page.getByTestId("import-result")).toContainText("可能与你预期不同的读取方式");
  await expect(page.getByTestId("import-notices").locator('[data-notice="assistant-turn-as-answer"]')).toHaveText(
    "1 条记录（首次出现在第 1 行）：消息列表以助手回合结尾：最后一个用户回合及之前的内容成为提示，该助手回合成为导入的回答。",
  );
  await expect(page.getByTestId("count-prompts")).toHaveText("2");
  await expect(page.getByTestId("prompt-count")).toHaveText("2 个提示");

  // A record the parser refuses: its line, field and problem in Chinese (the API's message stays English).
  await page.getByLabel("记录", { exact: true }).fill(['{"prompt":"第三个问题"}', '{"messages":[{"role":"user","content":7}]}'].join("\n"));
  await page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(page.getByTestId("import-errors")).toHaveText('第 2 行：字段 "messages[0].content"：应为字符串，实际为数字');
  await expect(page.getByTestId("count-prompts")).toHaveText("2");

  await page.getByLabel("查找").fill("Qwen");
  await page.getByLabel("替换为").fill("Deep Qwen");
  await page.getByRole("button", { name: "添加规则" }).click();
  await expect(page.getByTestId("add-rule-ok")).toHaveText("规则已添加。请先查看预览，再应用。");
  await expect(page.getByTestId("rule-preview-summary")).toContainText("在 2 个候选回答的样本中，已启用的规则会改动其中 2 个。");
  await page.getByRole("button", { name: "对所有候选回答应用规则" }).click();
  await expect(page.getByTestId("apply-rules-ok")).toHaveText("检查了 2 个候选回答，新建 2 个派生候选回答；0 个未被规则改动，0 个此前已派生。");
  await expect(page.getByTestId("rule-preview-exists").first()).toHaveText("已存在");
  await expect(page.getByTestId("rule-preview-exists")).toHaveCount(2);
  await expect(page.getByTestId("rule-preview-summary")).toContainText("其中 2 处改动已经存在");
  await expect(page.getByTestId("count-rule-derived")).toHaveText("2");
  expect(await drawsChineseGlyphs(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("prompt-set-zh-CN-1400x900.png"), fullPage: true });

  await page.getByRole("link", { name: "设置", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `设置：${name}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "保存设置" })).toBeVisible();
  await expect(page.getByRole("button", { name: "归档" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("prompt-set-settings-zh-CN-1400x900.png"), fullPage: true });

  // A refusal from the service, in Chinese: the name is taken.
  await page.goto("/prompt-sets");
  await expect(page.getByRole("columnheader", { name: "候选回答" })).toBeVisible();
  await page.getByLabel("名称", { exact: true }).fill(name);
  await page.getByRole("button", { name: "创建提示集" }).click();
  await expect(page.getByTestId("prompt-set-form-error")).toHaveText(`已有名为“${name}”的提示集。`);
  await expect(page.getByTestId("prompt-set-name-error")).toHaveText("已被使用");
  // Field errors from the shared schema, in Chinese beside each field (numbers with the locale's grouping).
  await page.getByLabel("名称", { exact: true }).fill("   ");
  await page.getByLabel("重叠数", { exact: true }).fill("30");
  await page.getByRole("button", { name: "创建提示集" }).click();
  await expect(page.getByTestId("prompt-set-name-error")).toHaveText("请输入名称");
  await expect(page.getByTestId("prompt-set-overlap-error")).toHaveText("重叠数不能大于 20");
  await expect(page.getByTestId("prompt-set-form-error")).toHaveText("请输入名称；重叠数不能大于 20");

  await page.goto(`/prompt-sets/${(await getDb().promptSet.findFirstOrThrow({ where: { name }, select: { id: true } })).id}/generate`);
  await expect(page.getByRole("heading", { level: 1, name: "生成候选回答" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "还没有生成任务" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("generate-empty-zh-CN-1400x900.png") });
});
