import { randomUUID } from "node:crypto";
import { systemActor } from "../../server/authz/actor";
import { importPrompts } from "../../server/services/import/import-prompts";
import { createPromptSet } from "../../server/services/prompt-sets/create-prompt-set";
import { expect, test } from "../support/fixtures";

// A shape Arbiter does not know: a prompt, two answers and a vote under names of the team's own.
const customFile = [
  JSON.stringify({ query: "Which is larger, 9.11 or 9.9?", resp_1: "9.11", resp_2: "9.9", better: "B", gold: "9.9" }),
  JSON.stringify({ query: "Name a prime number.", resp_1: "7", resp_2: "8", better: "A", gold: "7" }),
].join("\n");

test.describe("importing the field's datasets", () => {
  test("a message list that ends with an assistant turn is read as prompt plus answer, and the result says so and counts it", async ({ as }) => {
    const set = await createPromptSet({ actor: systemActor("e2e"), input: { name: `Turns ${randomUUID().slice(0, 8)}` } });
    const { page } = await as("ADMIN");
    await page.goto(`/prompt-sets/${set.id}`);
    const records = [
      { messages: [{ role: "user", content: "Who are you?" }, { role: "assistant", content: "I am Qwen." }] },
      { messages: [{ role: "user", content: "Plain question" }] },
      { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }, { role: "assistant", content: "Hello." }] },
    ];
    await page.getByRole("button", { name: "Paste text" }).click();
    await page.getByLabel("Records", { exact: true }).fill(records.map((record) => JSON.stringify(record)).join("\n"));
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-result")).toContainText("Imported 3 prompts and 2 answers.");
    const notice = page.getByTestId("import-notices").locator('[data-notice="assistant-turn-as-answer"]');
    await expect(notice).toHaveText("2 records (first at line 1): a message list ended with an assistant turn: everything up to the last user turn became the prompt and that assistant turn an imported answer.");
    await expect(page.getByTestId("count-prompts")).toHaveText("3");
    await expect(page.getByTestId("count-imported")).toHaveText("2");
  });

  test("an unknown shape gets a column-mapping step, its votes become imported labels, and the set keeps the mapping", async ({ as }) => {
    const set = await createPromptSet({ actor: systemActor("e2e"), input: { name: `Mapped ${randomUUID().slice(0, 8)}` } });
    const { page } = await as("ADMIN");
    await page.goto(`/prompt-sets/${set.id}`);

    await page.getByLabel("File").setInputFiles({ name: "votes.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(customFile) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-refused")).toContainText("Nothing was imported: 2 records of 2 are invalid");
    await expect(page.getByTestId("import-unknown-shape")).toContainText("query, resp_1, resp_2, better, gold");
    await expect(page.getByTestId("column-mapping")).toBeVisible();

    await page.getByLabel("Prompt field").fill("query");
    await page.getByLabel("Answer fields").fill("resp_1, resp_2");
    await page.getByLabel("Label field").fill("better");
    await page.getByLabel("Reference answer field").fill("gold");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-result")).toContainText("Imported 2 prompts and 4 answers.");
    await expect(page.getByTestId("import-result")).toContainText("2 preference labels imported as judgments.");
    await expect(page.getByTestId("count-imported-judgments")).toHaveText("2");

    // The mapping is kept with the set: the next visit offers it filled in.
    await page.reload();
    await page.getByLabel("Map columns (a shape Arbiter does not know)").check();
    await expect(page.getByLabel("Prompt field")).toHaveValue("query");
    await expect(page.getByLabel("Answer fields")).toHaveValue("resp_1, resp_2");
  });

  test("an admin sees an HH-RLHF label in review as an imported label, without an annotator", async ({ as }) => {
    const admin = systemActor("e2e");
    const set = await createPromptSet({ actor: admin, input: { name: `HH ${randomUUID().slice(0, 8)}` } });
    const hh = { chosen: "\n\nHuman: Which is larger, 9.11 or 9.9?\n\nAssistant: 9.9 is larger.", rejected: "\n\nHuman: Which is larger, 9.11 or 9.9?\n\nAssistant: 9.11 is larger." };
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: [JSON.stringify(hh)] });
    expect(result.judgmentsImported).toBe(1);
    const { page } = await as("ADMIN");
    await page.goto(`/review/${set.id}`);
    await page.getByRole("link", { name: "Which is larger, 9.11 or 9.9?" }).click();
    const judgment = page.getByTestId("review-judgment");
    await expect(judgment).toHaveCount(1);
    await expect(judgment.getByTestId("judgment-source")).toHaveText("Imported label");
    await expect(judgment).toContainText("From the imported file");
    // Shown positions are the file's order: chosen first.
    await expect(judgment).toContainText(/A=#\d \(rank 1\), B=#\d \(rank 2\)/);
  });
});
