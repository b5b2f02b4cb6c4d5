import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { getDb } from "../../server/db/client";
import { cancelRun } from "../../server/services/generation/cancel-run";
import { startRun } from "../../server/services/generation/start-run";
import { runFakeBatch } from "../../tests/support/fake-openai-server";
import { makeEndpoint, makePromptSetWithPrompts } from "../../tests/support/generation-factories";
import type { TestUser } from "../../tests/support/factories";
import { drawsChineseGlyphs } from "../support/cjk";
import { expect, test } from "../support/fixtures";

// A stopped generation run finished on a cluster: on the run's panel of the Generate page the admin
// downloads the run's Batch request file for one of its endpoints, runs it through the suite's fake
// Batch runner (vLLM run_batch's and the OpenAI Batch API's output shapes) and imports the results,
// which become the run's candidates; each refused or failed line is named.
//
// The endpoints point at a closed port, so the worker beside the app never answers a task: whatever it
// tried before the cancel failed, and the run's file holds every task, in every run of this spec.

type RequestLine = { custom_id: string; method: string; url: string; body: { model: string; temperature?: number; seed?: number; messages: { role: string; content: string }[] } };

async function cancelledRun(admin: TestUser) {
  const set = await makePromptSetWithPrompts(2, { label: "e2e run batch" });
  await getDb().promptSet.update({ where: { id: set.id }, data: { defaultSystemMessage: "You are Deep Qwen." } });
  const first = await makeEndpoint("http://127.0.0.1:9/v1", { name: `A ${crypto.randomUUID().slice(0, 6)}`, model: "cluster-a" });
  const second = await makeEndpoint("http://127.0.0.1:9/v1", { name: `B ${crypto.randomUUID().slice(0, 6)}`, model: "cluster-b" });
  const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [first.id, second.id], candidatesPerModel: "2", temperature: "0.7", seed: "7" } });
  await cancelRun({ actor: admin, runId });
  return { set, runId, first, second };
}

async function downloadRequestFile(page: Page, panel: Locator, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: button }).click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

const results = (text: string) => ({ name: "results.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(text) });

test("an admin downloads a cancelled run's Batch file for one endpoint and imports its results, with each bad line named", async ({ as }) => {
  const { user, page } = await as("ADMIN");
  const { set, runId, second } = await cancelledRun(user);
  await page.goto(`/prompt-sets/${set.id}/generate`);
  await expect(page.getByTestId(`run-${runId}`).getByTestId("run-status")).toHaveText("cancelled");

  const panel = page.getByTestId(`run-batch-${runId}`);
  await panel.getByText("Generate the rest on a cluster (Batch file)").click();
  await panel.getByLabel("Endpoint").selectOption(second.id);
  const file = await downloadRequestFile(page, panel, "Download the run's Batch file");
  await expect(panel.getByText(`4 requests written to ${file.name}.`)).toBeVisible();

  // The run's requests for endpoint B: its model, the run's temperature, seed + sample index, the set's system message.
  const lines = file.text.trim().split("\n").map((line) => JSON.parse(line) as RequestLine);
  expect(lines).toHaveLength(4);
  for (const line of lines) {
    expect(line).toMatchObject({ method: "POST", url: "/v1/chat/completions", body: { model: "cluster-b", temperature: 0.7 } });
    expect(line.body.messages[0]).toEqual({ role: "system", content: "You are Deep Qwen." });
    expect(line.body.seed).toBe(7 + Number(line.custom_id.split("-")[2]));
  }

  // Line 2 failed at the Batch service; line 5 is cut off: with "import nothing" the file stores nothing, and both are named.
  const ran = runFakeBatch(file.text, (_line, index) => (index === 1 ? { kind: "openai-error", code: "rate_limit_exceeded", message: "slow down" } : { kind: "ok", content: `Cluster answer ${index}` }));
  const withCut = ran + ran.split("\n")[0]!.slice(0, 30) + "\n";
  const importForm = panel.getByRole("form", { name: "Import Batch results" });
  await importForm.getByLabel("Results file").setInputFiles(results(withCut));
  await importForm.getByRole("button", { name: "Import Batch results" }).click();
  const outcome = panel.getByTestId("batch-import-result");
  await expect(outcome).toContainText('Nothing imported: 1 invalid line (listed). Fix them, or choose "Skip invalid lines".');
  const problems = panel.getByTestId("batch-import-problems").getByRole("listitem");
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText(`line 2 (${lines[1]!.custom_id}): `);
  await expect(problems.nth(0)).toContainText("slow down");
  await expect(problems.nth(1)).toContainText("line 5: ");
  expect(await getDb().candidate.count({ where: { generationTask: { runId } } })).toBe(0);

  // The same results without the cut line: three answers stored as the run's candidates, the failed request named.
  await importForm.getByLabel("Results file").setInputFiles(results(ran));
  await importForm.getByRole("button", { name: "Import Batch results" }).click();
  await expect(outcome).toContainText("3 candidates imported; 3 generation run tasks answered; 1 failed request (listed).");
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toContainText("line 2");
  const stored = await getDb().candidate.findMany({ where: { generationTask: { runId } }, select: { model: true, content: true, endpointId: true, generationTask: { select: { status: true } } } });
  expect(stored).toHaveLength(3);
  for (const candidate of stored) expect(candidate).toMatchObject({ model: "cluster-b", endpointId: second.id, generationTask: { status: "SUCCEEDED" } });
  expect(stored.map((candidate) => candidate.content).sort()).toEqual(["Cluster answer 0", "Cluster answer 2", "Cluster answer 3"]);

  // The next file for B holds only the failed request's task.
  const retry = await downloadRequestFile(page, panel, "Download the run's Batch file");
  expect(retry.text.trim().split("\n")).toHaveLength(1);
  expect((JSON.parse(retry.text) as RequestLine).custom_id.split("-").slice(1)).toEqual(lines[1]!.custom_id.split("-").slice(1));
  await importForm.getByLabel("Results file").setInputFiles(results(runFakeBatch(retry.text)));
  await importForm.getByRole("button", { name: "Import Batch results" }).click();
  await expect(outcome).toHaveText("1 candidate imported; 1 generation run task answered.");

  // Every task of B has its candidate: a further file is refused, and says why.
  await panel.getByRole("button", { name: "Download the run's Batch file" }).click();
  await expect(panel.getByTestId("run-batch-file-error")).toContainText(/has its candidate: nothing to generate/);
  expect(await getDb().candidate.count({ where: { generationTask: { runId } } })).toBe(4);
});

test("a run's Batch panel in Chinese: labels, the written file and the import's count", async ({ as }) => {
  const { user, page } = await as("ADMIN");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  const { set, runId, first } = await cancelledRun(user);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/prompt-sets/${set.id}/generate`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  const panel = page.getByTestId(`run-batch-${runId}`);
  await panel.getByText("在集群上生成其余部分（Batch 文件）").click();
  await expect(panel.getByLabel("端点")).toHaveValue(first.id);
  const file = await downloadRequestFile(page, panel, "下载此生成任务的 Batch 文件");
  await expect(panel.getByText(`已将 4 个请求写入 ${file.name}。`)).toBeVisible();
  expect(file.text.trim().split("\n").map((line) => (JSON.parse(line) as RequestLine).body.model)).toEqual(["cluster-a", "cluster-a", "cluster-a", "cluster-a"]);

  const importForm = panel.getByRole("form", { name: "导入 Batch 结果" });
  await importForm.getByRole("button", { name: "导入 Batch 结果" }).click();
  await expect(panel.getByTestId("batch-import-error")).toContainText("请选择 Batch 服务写出的结果文件。");
  await importForm.getByLabel("结果文件").setInputFiles(results(runFakeBatch(file.text)));
  await importForm.getByRole("button", { name: "导入 Batch 结果" }).click();
  await expect(panel.getByTestId("batch-import-result")).toHaveText("已导入 4 个候选回答；完成了 4 个生成任务。");
  expect(await getDb().candidate.count({ where: { generationTask: { runId }, model: "cluster-a" } })).toBe(4);

  expect(await drawsChineseGlyphs(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("run-batch-zh-CN-1400x900.png"), fullPage: true });
});
