import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { getDb } from "../../server/db/client";
import { makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { runFakeBatch } from "../../tests/support/fake-openai-server";
import { drawsChineseGlyphs } from "../support/cjk";
import { expect, test } from "../support/fixtures";

// The Batch files page: an admin writes a request file with top_p, stop sequences and a system message
// override, runs it through the suite's fake Batch runner (vLLM run_batch's output shape) and imports
// the results file back as candidates.

type RequestLine = { custom_id: string; method: string; url: string; body: { model: string; top_p?: number; stop?: string[]; messages: { role: string; content: string }[] } };

async function setWithTwoPrompts() {
  const set = await makePromptSet({ name: `e2e-batch-${crypto.randomUUID().slice(0, 8)}`, defaultSystemMessage: "You are Qwen." });
  await makePrompt(set.id, [{ role: "user", content: "Who are you?" }]);
  await makePrompt(set.id, [
    { role: "system", content: "Answer briefly." },
    { role: "user", content: "What is 2 + 2?" },
  ]);
  return set;
}

/** Clicks the download button and reads the file the page hands to the browser. */
async function downloadRequestFile(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, "utf8") };
}

test("an admin downloads a request file with top_p, stop and a system override, and imports its results once", async ({ as }) => {
  const set = await setWithTwoPrompts();
  const { page } = await as("ADMIN");
  await page.goto(`/prompt-sets/${set.id}/batch`);
  await expect(page.getByRole("heading", { level: 1, name: "Batch files" })).toBeVisible();

  // Each field's problem is shown beside it, and no file is written.
  await page.getByLabel("top_p", { exact: true }).fill("1.5");
  await page.getByLabel("Stop sequences").fill("a\nb\nc\nd\ne");
  await page.getByRole("button", { name: "Download Batch file" }).click();
  await expect(page.getByTestId("batch-model-error")).toHaveText("enter the model name the Batch service will run");
  await expect(page.getByTestId("batch-top-p-error")).toHaveText("top_p must be between 0 and 1");
  await expect(page.getByTestId("batch-stop-error")).toHaveText("at most 4 stop sequences (the OpenAI API's limit)");
  await expect(page.getByLabel("top_p", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("batch-file-error")).toBeVisible();

  await page.getByLabel("Model", { exact: true }).fill("qwen-batch");
  await page.getByLabel("Prompts", { exact: true }).selectOption("all");
  await page.getByLabel("Candidates per prompt (N)").fill("2");
  await page.getByLabel("top_p", { exact: true }).fill("0.9");
  await page.getByLabel("Stop sequences").fill("###\nEND");
  await page.getByLabel("System message override").fill("You are Deep Qwen.");
  const file = await downloadRequestFile(page, "Download Batch file");
  await expect(page.getByTestId("batch-model-error")).toHaveCount(0);
  await expect(page.getByText(`4 requests written to ${file.name}.`)).toBeVisible();

  const lines = file.text.trim().split("\n").map((line) => JSON.parse(line) as RequestLine);
  expect(lines).toHaveLength(4);
  for (const line of lines) {
    expect(line).toMatchObject({ method: "POST", url: "/v1/chat/completions", body: { model: "qwen-batch", top_p: 0.9, stop: ["###", "END"] } });
    // The override replaces both the prompt's own system message and the set's default.
    expect(line.body.messages[0]).toEqual({ role: "system", content: "You are Deep Qwen." });
    expect(line.body.messages.filter((message) => message.role === "system")).toHaveLength(1);
  }

  const results = runFakeBatch(file.text, (_line, index) => ({ kind: "ok", content: `Batch answer ${index}` }));
  const importForm = page.getByRole("form", { name: "Import Batch results" });
  await importForm.getByLabel("Results file").setInputFiles({ name: "results.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(results) });
  await importForm.getByRole("button", { name: "Import Batch results" }).click();
  await expect(page.getByTestId("batch-import-result")).toHaveText("4 candidates imported.");

  const stored = await getDb().candidate.findMany({ where: { prompt: { promptSetId: set.id } }, select: { model: true, content: true, params: true } });
  expect(stored).toHaveLength(4);
  expect(stored.map((candidate) => candidate.content).sort()).toEqual(["Batch answer 0", "Batch answer 1", "Batch answer 2", "Batch answer 3"]);
  for (const candidate of stored) {
    expect(candidate.model).toBe("qwen-batch");
    expect(candidate.params).toMatchObject({ top_p: 0.9, stop: ["###", "END"] });
  }

  // The same results file again stores nothing new, and says so.
  await importForm.getByRole("button", { name: "Import Batch results" }).click();
  await expect(page.getByTestId("batch-import-result")).toHaveText("Nothing new: every result in this file was already imported (4).");
  expect(await getDb().candidate.count({ where: { prompt: { promptSetId: set.id } } })).toBe(4);
});

test("the Batch page in Chinese: labels, field errors beside their fields, and the import's count", async ({ as }) => {
  const set = await setWithTwoPrompts();
  const { user, page } = await as("ADMIN");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/prompt-sets/${set.id}/batch`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "Batch 文件" })).toBeVisible();
  await expect(page.getByText("请求文件与结果")).toBeVisible();

  await page.getByRole("button", { name: "下载 Batch 文件" }).click();
  await expect(page.getByTestId("batch-model-error")).toBeVisible();
  await expect(page.getByTestId("batch-file-error")).toContainText("未写出文件。");

  await page.getByLabel("模型", { exact: true }).fill("qwen-batch");
  await page.getByLabel("每个提示的候选回答数（N）").fill("1");
  await page.getByLabel("停止序列").fill("###");
  await page.getByLabel("覆盖系统消息").fill("你是 Deep Qwen。");
  const file = await downloadRequestFile(page, "下载 Batch 文件");
  await expect(page.getByText(`已将 2 个请求写入 ${file.name}。`)).toBeVisible();
  const lines = file.text.trim().split("\n").map((line) => JSON.parse(line) as RequestLine);
  expect(lines.map((line) => line.body.messages[0])).toEqual([
    { role: "system", content: "你是 Deep Qwen。" },
    { role: "system", content: "你是 Deep Qwen。" },
  ]);

  const importForm = page.getByRole("form", { name: "导入 Batch 结果" });
  await importForm.getByRole("button", { name: "导入 Batch 结果" }).click();
  await expect(page.getByTestId("batch-import-error")).toContainText("请选择 Batch 服务写出的结果文件。");
  await importForm.getByLabel("结果文件").setInputFiles({ name: "results.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(runFakeBatch(file.text)) });
  await importForm.getByRole("button", { name: "导入 Batch 结果" }).click();
  await expect(page.getByTestId("batch-import-result")).toHaveText("已导入 2 个候选回答。");
  expect(await getDb().candidate.count({ where: { prompt: { promptSetId: set.id }, model: "qwen-batch" } })).toBe(2);

  expect(await drawsChineseGlyphs(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("batch-zh-CN-1400x900.png"), fullPage: true });
});
