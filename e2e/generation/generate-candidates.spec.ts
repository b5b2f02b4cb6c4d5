import { randomUUID } from "node:crypto";
import { getDb } from "../../server/db/client";
import { runWorker } from "../../server/generation/worker";
import { drawsChineseGlyphs } from "../support/cjk";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../tests/support/fake-openai-server";
import { makeEndpoint, makePromptSetWithPrompts } from "../../tests/support/generation-factories";
import { expect, test } from "../support/fixtures";

// The model server is the test suite's fake; the generation worker runs in this test process, as
// `npm start` runs one beside the app, against the same database.
// One worker process for this file's tests: each process starts its own generation worker, and one
// that finishes (closing its fake server, stopping its worker) must not take tasks of another's run along.
test.describe.configure({ mode: "default" });

let server: FakeOpenAiServer;
const apiKey = `sk-e2e-${randomUUID()}`;
const worker = new AbortController();
let workerDone: Promise<void>;

test.beforeAll(async () => {
  server = await startFakeOpenAiServer({ latencyMs: 150, models: ["e2e-model", "other-model"], apiKey });
  workerDone = runWorker({ signal: worker.signal, pollMs: 100 });
});

test.afterAll(async () => {
  worker.abort();
  await workerDone;
  await server.close();
});

test("an admin registers the test server, runs generation, watches it reach 100% and sees the candidates", async ({ as }) => {
  const { page } = await as("ADMIN");
  const set = await makePromptSetWithPrompts(3, { label: "e2e generation" });
  const endpointName = `Fake ${randomUUID().slice(0, 6)}`;

  await page.goto("/endpoints");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add endpoint" }) });
  await form.getByLabel("Name").fill(endpointName);
  await form.getByLabel("Model").fill("e2e-model");
  await form.getByLabel("Base URL").fill(server.baseUrl);
  await form.getByLabel("API key").fill(apiKey);
  await form.getByLabel("Max concurrent requests").fill("2");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  const card = page.getByTestId(`endpoint-${endpointName}`);
  await expect(card).toBeVisible();
  // The key is stored encrypted; the page shows its last four characters, never the key.
  await expect(card).toContainText(`key ····${apiKey.slice(-4)}`);
  expect(await page.content()).not.toContain(apiKey);

  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByRole("status")).toContainText("Connected.");
  await expect(card.getByRole("status")).toContainText("e2e-model, other-model");

  await page.goto(`/prompt-sets/${set.id}/generate`);
  await expect(page.getByRole("heading", { level: 1, name: "Generate candidates" })).toBeVisible();
  await page.getByRole("checkbox", { name: new RegExp(endpointName) }).check();
  await page.getByLabel("Candidates per prompt (N)").fill("2");
  await page.getByLabel("Seed").fill("42");
  await page.getByRole("button", { name: "Start generation" }).click();

  const progress = page.getByRole("progressbar", { name: "Generation progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 20_000 });
  await expect(page.getByTestId("run-status").first()).toHaveText("completed");
  await expect(page.getByTestId("run-figures").first()).toContainText("6 done · 0 failed · 0 remaining");
  await expect(page.getByTestId("candidate")).toHaveCount(6);
  await expect(page.getByTestId("candidate").first()).toContainText(/Answer \d+ to: Question \d of e2e generation/);
  expect(server.maxInFlightByModel.get("e2e-model")).toBeLessThanOrEqual(2);
});

test("a progress poll that fails shows an error in the panel, not a crash, and the next good poll carries on to 100%", async ({ as }) => {
  const { page } = await as("ADMIN");
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // 40 tasks one at a time at 150 ms each: the run stays running for several poll ticks.
  const set = await makePromptSetWithPrompts(20, { label: "e2e failing poll" });
  const endpoint = await makeEndpoint(server.baseUrl, { model: "e2e-model", apiKey, maxConcurrency: 1 });
  let failedPolls = 0;
  await page.route("**/api/generation/runs/**", async (route) => {
    failedPolls += 1;
    await route.abort("connectionreset");
  });

  await page.goto(`/prompt-sets/${set.id}/generate`);
  await page.getByRole("checkbox", { name: new RegExp(endpoint.name) }).check();
  await page.getByLabel("Candidates per prompt (N)").fill("2");
  await page.getByRole("button", { name: "Start generation" }).click();

  const panel = page.locator('[data-testid^="run-"]').filter({ has: page.getByRole("progressbar", { name: "Generation progress" }) });
  await expect(panel.getByTestId("run-status")).toHaveText("running");
  await expect(panel.locator('[data-testid^="run-error-"]')).toContainText("Progress could not be read");
  expect(failedPolls).toBeGreaterThan(0);

  await page.unroute("**/api/generation/runs/**");
  await expect(panel.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  await expect(page.getByTestId("run-status").first()).toHaveText("completed");
  await expect(panel.locator('[data-testid^="run-error-"]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test("while a run is live its progress panel is at the top of the page, on screen without scrolling at 1280x720", async ({ as }) => {
  const { page } = await as("ADMIN");
  await page.setViewportSize({ width: 1280, height: 720 });
  // 40 tasks one at a time at 150 ms each: several seconds live.
  const set = await makePromptSetWithPrompts(20, { label: "e2e live panel" });
  const endpoint = await makeEndpoint(server.baseUrl, { model: "e2e-model", apiKey, maxConcurrency: 1 });

  await page.goto(`/prompt-sets/${set.id}/generate`);
  await page.getByRole("checkbox", { name: new RegExp(endpoint.name) }).check();
  await page.getByLabel("Candidates per prompt (N)").fill("2");
  await page.getByRole("button", { name: "Start generation" }).click();

  const panel = page.locator('[data-testid^="run-"]').filter({ has: page.getByRole("progressbar", { name: "Generation progress" }) });
  await expect(panel.getByTestId("run-status")).toHaveText("running");
  await expect(panel).toBeInViewport();
  // A fresh visit while it runs: the panel comes before the new-run form.
  await page.goto(`/prompt-sets/${set.id}/generate`);
  await expect(page.getByRole("heading", { level: 2, name: "Runs in progress" })).toBeVisible();
  await expect(panel).toBeInViewport();
  const runsTop = (await page.getByTestId("recent-runs").boundingBox())!.y;
  const formTop = (await page.getByRole("heading", { name: "New run" }).boundingBox())!.y;
  expect(runsTop).toBeLessThan(formTop);
  await page.screenshot({ path: test.info().outputPath("generate-live-1280x720.png") });

  await expect(panel.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 2, name: "Recent runs" })).toBeVisible();
});

/** A server that refuses (400, not retried) every request for the prompt "Question 1 ...": one failed task per run of N = 1. */
async function runWithOneFailure(label: string) {
  const failing = await startFakeOpenAiServer({
    latencyMs: 20,
    models: ["e2e-model"],
    apiKey,
    reply: (request) => (request.messages.at(-1)?.content.startsWith("Question 1 ") ? { kind: "status", status: 400, message: "this prompt is refused" } : { kind: "ok" }),
  });
  const set = await makePromptSetWithPrompts(3, { label });
  const endpoint = await makeEndpoint(failing.baseUrl, { model: "e2e-model", apiKey, maxConcurrency: 2 });
  return { failing, set, endpoint };
}

test("a run where a task failed says \"completed with 1 failed\" in the warning colour, not a green \"completed\"", async ({ as }) => {
  const { page } = await as("ADMIN");
  const { failing, set, endpoint } = await runWithOneFailure("e2e one failure");
  try {
    await page.goto(`/prompt-sets/${set.id}/generate`);
    await page.getByRole("checkbox", { name: new RegExp(endpoint.name) }).check();
    await page.getByLabel("Candidates per prompt (N)").fill("1");
    await page.getByRole("button", { name: "Start generation" }).click();
    const status = page.getByTestId("run-status").first();
    await expect(status).toHaveText("completed with 1 failed", { timeout: 20_000 });
    await expect(status).toHaveAttribute("data-status", "COMPLETED");
    await expect(status).toHaveClass(/warning/);
    await expect(status).not.toHaveClass(/success/);
    await expect(page.getByTestId("run-figures").first()).toContainText("2 done · 1 failed · 0 remaining");
    await expect(page.getByRole("button", { name: "Retry failed (1)" })).toBeVisible();
    await page.getByText("Failures (1)").click();
    await expect(page.getByTestId("run-failures")).toContainText("this prompt is refused");
  } finally {
    await failing.close();
  }
});

test("in Chinese: the generate page, a run's figures and \"completed with 1 failed\"", async ({ as }) => {
  const { user, page } = await as("ADMIN");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  const { failing, set, endpoint } = await runWithOneFailure("e2e 中文");
  try {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`/prompt-sets/${set.id}/generate`);
    await expect(page.getByRole("heading", { level: 1, name: "生成候选回答" })).toBeVisible();
    await page.getByRole("checkbox", { name: new RegExp(endpoint.name) }).check();
    await page.getByLabel("每个提示的候选回答数（N）").fill("1");
    await page.getByRole("button", { name: "开始生成" }).click();
    await expect(page.getByTestId("run-status").first()).toHaveText("已完成，1 个失败", { timeout: 20_000 });
    await expect(page.getByTestId("run-figures").first()).toContainText("完成 2 · 失败 1 · 剩余 0");
    await expect(page.getByRole("progressbar", { name: "生成进度" })).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByRole("button", { name: "重试失败项（1）" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "最近的生成任务" })).toBeVisible();
    expect(await drawsChineseGlyphs(page)).toBe(true);
    await page.screenshot({ path: test.info().outputPath("generate-zh-CN-1400x900.png"), fullPage: true });
  } finally {
    await failing.close();
  }
});
