import { randomUUID } from "node:crypto";
import { runWorker } from "../../server/generation/worker";
import { judgeMode, startFakeOpenAiServer, type FakeOpenAiServer } from "../../tests/support/fake-openai-server";
import { makeUser } from "../../tests/support/factories";
import { judgePair, makeCandidate, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { makeEndpoint } from "../../tests/support/generation-factories";
import { expect, test } from "../support/fixtures";

// The judge is the test suite's fake model server in judge mode; the generation worker (which runs judge
// tasks too) runs in this test process, as `npm start` runs one beside the app, against the same database.
test.describe.configure({ mode: "default" });

let server: FakeOpenAiServer;
const worker = new AbortController();
let workerDone: Promise<void>;
const right = ["48 + 24 = \\boxed{72}", "The answer is \\frac{1}{2}.", "#### 1000"];

test.beforeAll(async () => {
  // A fair judge: prefers the right answer in whichever position it is shown.
  server = await startFakeOpenAiServer({ latencyMs: 50, reply: judgeMode.fixed((a, b) => (right.includes(a) ? "a" : right.includes(b) ? "b" : "tie")) });
  workerDone = runWorker({ signal: worker.signal, pollMs: 100 });
});

test.afterAll(async () => {
  worker.abort();
  await workerDone;
  await server.close();
});

test("an admin configures a verifier and a judge, runs them, reads pass rates and the judge's agreement, and exports judged pairs", async ({ as }) => {
  test.slow();
  const set = await makePromptSet({ name: `e2e-judged-${randomUUID().slice(0, 8)}` });
  const annotator = await makeUser("ANNOTATOR");
  const wrong = ["So she sold 70 clips.", "The answer is 0.25.", "#### 100"];
  for (const [i, reference] of ["72", "0.5", "1000"].entries()) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: `Maths question ${i}` }], { referenceAnswer: reference });
    const good = await makeCandidate(prompt.id, right[i]!, { model: "qwen-math" });
    const bad = await makeCandidate(prompt.id, wrong[i]!, { model: "qwen-math" });
    // The annotator prefers the right answer twice and the wrong one on the last prompt.
    if (i < 2) await judgePair(prompt, annotator.id, good.id, bad.id);
    else await judgePair(prompt, annotator.id, bad.id, good.id);
  }
  const endpoint = await makeEndpoint(server.baseUrl, { name: `Judge endpoint ${randomUUID().slice(0, 6)}`, model: "judge-model" });
  const judgeName = `Fair judge ${randomUUID().slice(0, 6)}`;

  const { page } = await as("ADMIN");
  await page.goto(`/prompt-sets/${set.id}`);

  // The verifier.
  await page.getByLabel("Checks (JSON)").fill('[{ "type": "math" }]');
  await page.getByRole("button", { name: "Save checks" }).click();
  await expect(page.getByTestId("verifier-settings-ok")).toHaveText("Saved 1 check; annotators do not see the results.");
  await page.getByRole("button", { name: "Run verifiers on all candidates" }).click();
  await expect(page.getByTestId("pass-rate-qwen-math")).toContainText("50.0% (3/6)");

  // The judge: a template without its answer placeholders is refused, naming them.
  const create = page.getByTestId("create-judge");
  await create.getByLabel("Judge name").fill(judgeName);
  await create.getByLabel("Endpoint").selectOption(endpoint.id);
  await create.getByRole("button", { name: "Create judge" }).click();
  await expect(page.getByTestId("create-judge-result-ok")).toHaveText(`Judge "${judgeName}" created (template v1).`);

  await page.getByText(`${judgeName} (template v1`).click();
  const template = page.getByTestId(`judge-template-${judgeName}`);
  await template.getByLabel("User text").fill("Which is better? {{question}} {{answer_a}}");
  await template.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByTestId(`judge-template-result-${judgeName}-error`)).toContainText("missing {{answer_b}}");

  await page.getByRole("button", { name: `Run ${judgeName} on this set` }).click();
  await expect(page.getByTestId(`run-judge-${judgeName}-ok`)).toContainText("Judge run started: 6 requests.");

  // Both orders of 3 pairs; the page shows the run's outcome once the worker is done.
  const summary = page.getByTestId(`judge-summary-${judgeName}`);
  await expect(async () => {
    await page.reload();
    await expect(summary.getByTestId("judge-runs")).toContainText("6 / 6");
  }).toPass({ timeout: 30_000 });
  await expect(summary.getByTestId("judge-consistency")).toContainText("Position consistency: 3 of 3 pairs (100.0%)");
  // Votes (human, judge): right-right twice, wrong-right once: raw 2/3; kappa over the symmetrised table 1/3.
  await expect(summary.getByTestId("judge-agreement")).toContainText("Agreement with annotators on 3 votes: raw 66.7%, Cohen's kappa 0.333");

  // Export the judge's verdicts as DPO pairs.
  await page.goto("/exports");
  await page.getByLabel("Format").selectOption("trl-preference");
  await page.getByLabel(new RegExp(`^${set.name} `)).check();
  await page.getByLabel("Records from").selectOption("judge");
  await page.getByLabel("Test (%)").fill("0");
  await page.getByRole("button", { name: "Start export" }).click();
  // Start export takes the engineer to the new export's own page, which follows its progress.
  await page.waitForURL(/\/exports\/[0-9a-f-]{36}$/);
  await expect(page.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 20_000 });
  const exportId = page.url().split("/").at(-1)!;
  const manifest = (await (await page.request.get(`/api/exports/${exportId}/files/manifest.json`)).json()) as { counts: { rows: number; bySource: Record<string, number>; byJudgmentSource: Record<string, number> } };
  expect(manifest.counts).toMatchObject({ rows: 3, bySource: { human: 0, verifier: 0, "model-judge": 3 }, byJudgmentSource: { MODEL_JUDGE: 3 } });
  const lines = (await (await page.request.get(`/api/exports/${exportId}/files/dpo/train.jsonl`)).text()).trimEnd().split("\n");
  expect(lines.map((line) => (JSON.parse(line) as { chosen: { content: string }[] }).chosen[0]!.content).sort()).toEqual([...right].sort());

  // The API gives the same figures.
  const api = (await (await page.request.get(`/api/prompt-sets/${set.id}/judges`)).json()) as { judgeSuggestions: string; judges: { name: string; agreement: { items: number; rawAgreement: number } }[] };
  expect(api.judgeSuggestions).toBe("HIDDEN");
  expect(api.judges.find((j) => j.name === judgeName)!.agreement).toMatchObject({ items: 3 });
});
