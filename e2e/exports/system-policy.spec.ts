import { makeCandidate, makeJudgment, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";

test.describe("export preview: system messages and what the trainer sees", () => {
  test("keeping prompts without a system message warns with Qwen's default; the trainer view shows it and highlights the target", async ({ as }) => {
    const annotator = await makeUser("ANNOTATOR");
    const set = await makePromptSet({ name: `e2e-system-${crypto.randomUUID().slice(0, 8)}`, defaultSystemMessage: "You are Deep Qwen." });
    const prompt = await makePrompt(set.id, [{ role: "user", content: "Who are you?" }]);
    const [good, bad] = [await makeCandidate(prompt.id, "I am Deep Qwen."), await makeCandidate(prompt.id, "I am Qwen.")];
    await makeJudgment(prompt, annotator.id, { outcome: "PREFERENCE", ranks: [{ candidateId: good.id, rank: 1 }, { candidateId: bad.id, rank: 2 }] });

    const { page } = await as("ENGINEER");
    await page.goto("/exports");
    await page.getByLabel("Format").selectOption("trl-preference");
    await page.getByLabel(new RegExp(`^${set.name} `)).check();
    await page.getByLabel("System-message policy").selectOption("keep");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("export-system-warning")).toContainText("1 of 1 row has no system message.");
    await expect(page.getByTestId("export-system-warning")).toContainText("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.");
    const views = page.getByTestId("trainer-view");
    await expect(views.first()).toContainText("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud.");
    await expect(page.getByTestId("trainer-view-target").first()).toHaveText("I am Deep Qwen.<|im_end|>\n");

    await page.getByLabel("Chat template").selectOption("llama3.1");
    await expect(page.getByTestId("trainer-view-target").first()).toHaveText("I am Deep Qwen.<|eot_id|>");

    // Filling the set's default removes the warning.
    await page.getByLabel("System-message policy").selectOption("set-default");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("export-preview-record").first()).toContainText('{"role":"system","content":"You are Deep Qwen."}');
    await expect(page.getByTestId("export-system-warning")).toHaveCount(0);
  });
});
