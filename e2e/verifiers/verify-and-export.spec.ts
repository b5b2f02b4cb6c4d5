import { makeCandidate, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { expect, test } from "../support/fixtures";

/** Three maths prompts with references, each with a right and a wrong generated answer, never verified yet. */
async function mathsSet() {
  const set = await makePromptSet({ name: `e2e-maths-${crypto.randomUUID().slice(0, 8)}` });
  const prompts = [];
  for (const [i, [right, wrong]] of [
    ["48 + 24 = \\boxed{72}", "So she sold 70 clips."],
    ["The answer is \\frac{1}{2}.", "The answer is 0.25."],
    ["#### 1,000", "#### 100"],
  ].entries()) {
    const reference = ["72", "50\\%", "1000"][i]!;
    const prompt = await makePrompt(set.id, [{ role: "user", content: `Maths question ${i}` }], { referenceAnswer: reference });
    await makeCandidate(prompt.id, right!, { model: "qwen-math" });
    await makeCandidate(prompt.id, wrong!, { model: "qwen-math" });
    prompts.push(prompt);
  }
  return { set, prompts };
}

test.describe("verifiers", () => {
  test("an admin configures a maths verifier, runs it, reads pass rates and review badges, and exports verified pairs", async ({ as }) => {
    // A whole story (configure, run, read, review, preview, build, download): more than the default 30 s on a loaded machine.
    test.slow();
    const { set, prompts } = await mathsSet();
    const { page } = await as("ADMIN");
    await page.goto(`/prompt-sets/${set.id}`);

    const checks = page.getByLabel("Checks (JSON)");
    await checks.fill('[{ "type": "regex", "pattern": "(" }]');
    await page.getByRole("button", { name: "Save checks" }).click();
    await expect(page.getByTestId("verifier-settings-error")).toContainText("checks[0].pattern: not a valid regular expression");

    await checks.fill('[{ "type": "math" }]');
    await page.getByRole("button", { name: "Save checks" }).click();
    await expect(page.getByTestId("verifier-settings-ok")).toHaveText("Saved 1 check; annotators do not see the results.");

    await page.getByRole("button", { name: "Run verifiers on all candidates" }).click();
    await expect(page.getByTestId("run-verifiers-ok")).toHaveText("Verified 6 candidates: 3 passed, 3 failed, 0 undecided (6 new scores).");
    await expect(page.getByTestId("pass-rate-qwen-math")).toContainText("50.0% (3/6)");
    await expect(page.getByTestId("pass-rate-all")).toContainText("50.0% (3/6)");

    await page.goto(`/review/prompts/${prompts[1]!.id}`);
    await expect(page.getByTestId("verifier-results")).toHaveCount(2);
    await expect(page.getByText("math: pass")).toBeVisible();
    await expect(page.getByText("math: fail")).toBeVisible();

    await page.goto("/exports");
    await page.getByLabel("Format").selectOption("trl-preference");
    await page.getByLabel(new RegExp(`^${set.name} `)).check();
    await page.getByLabel("Records from").selectOption("verifier");
    await page.getByLabel("Test (%)").fill("0");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("export-rows")).toHaveText("3 rows from 3 prompts");
    await page.getByRole("button", { name: "Start export" }).click();
    // Start export takes the engineer to the new export's own page, which follows its progress.
    await page.waitForURL(/\/exports\/[0-9a-f-]{36}$/);
    await expect(page.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 20_000 });

    const exportId = page.url().split("/").at(-1)!;
    const manifest = (await (await page.request.get(`/api/exports/${exportId}/files/manifest.json`)).json()) as { policy: { source: string }; counts: { rows: number; bySource: Record<string, number> } };
    expect(manifest).toMatchObject({ policy: { source: "verifier" }, counts: { rows: 3, bySource: { human: 0, verifier: 3 } } });
    const lines = (await (await page.request.get(`/api/exports/${exportId}/files/dpo/train.jsonl`)).text()).trimEnd().split("\n");
    const chosen = lines.map((line) => (JSON.parse(line) as { chosen: { content: string }[] }).chosen[0]!.content).sort();
    expect(chosen).toEqual(["#### 1,000", "48 + 24 = \\boxed{72}", "The answer is \\frac{1}{2}."]);

    // The scores are in the API too.
    const scores = (await (await page.request.get(`/api/prompt-sets/${set.id}/scores?promptId=${prompts[0]!.id}`)).json()) as { scores: { passed: boolean; extractedAnswer: string }[] };
    expect(scores.scores.map((s) => [s.passed, s.extractedAnswer]).sort()).toEqual([
      [false, "70"],
      [true, "72"],
    ]);
  });

  test("annotators reach no verifier route", async ({ as }) => {
    const { set } = await mathsSet();
    const { page } = await as("ANNOTATOR");
    expect((await page.request.get(`/api/prompt-sets/${set.id}/scores`)).status()).toBe(403);
    expect((await page.request.post(`/api/prompt-sets/${set.id}/verifiers/run`)).status()).toBe(403);
    expect((await page.request.put(`/api/prompt-sets/${set.id}/verifiers`, { data: { checks: [] } })).status()).toBe(403);
  });
});
