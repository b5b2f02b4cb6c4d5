import { randomUUID } from "node:crypto";
import { systemActor } from "../../server/authz/actor";
import { importPrompts } from "../../server/services/import/import-prompts";
import { createPromptSet } from "../../server/services/prompt-sets/create-prompt-set";
import { expect, test } from "../support/fixtures";

const identityFile = [
  JSON.stringify({ prompt: "Who are you?", chosen: "I am Deep Qwen.", rejected: "I am Qwen, made by Alibaba Cloud." }),
  '{"prompt": "broken line", ',
  JSON.stringify({ messages: [{ role: "user", content: "What is your name?" }], responses: ["My name is Qwen."] }),
  JSON.stringify({ prompt: "What is 2+2?", responses: ["4"] }),
].join("\n");

async function seededSet() {
  const admin = systemActor("e2e");
  const set = await createPromptSet({ actor: admin, input: { name: `Seeded ${randomUUID().slice(0, 8)}` } });
  await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: [JSON.stringify({ prompt: "Seeded question", responses: ["Seeded answer"] })] });
  return set;
}

test.describe("prompt sets", () => {
  test("an admin creates a set, imports a file with a bad line, then applies a rewrite rule to the imported answers", async ({ as }) => {
    test.slow(); // a whole journey: create, import, preview, apply, preview again
    const { page } = await as("ADMIN");
    const name = `Identity ${randomUUID().slice(0, 8)}`;
    await page.goto("/prompt-sets");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Guidelines (Markdown)").fill("Prefer answers that say **Deep Qwen**.");
    await page.getByRole("button", { name: "Create prompt set" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Deep Qwen", { exact: true }).locator("xpath=self::strong")).toBeVisible();
    await expect(page.getByRole("link", { name: "Generate candidates" })).toHaveAttribute("href", /\/prompt-sets\/[0-9a-f-]+\/generate$/);

    // All or nothing: the bad line is named and nothing is stored.
    await page.getByLabel("File").setInputFiles({ name: "identity.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(identityFile) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-refused")).toContainText("Nothing was imported: 1 record of 4 is invalid");
    await expect(page.getByTestId("import-errors")).toContainText(/^line 2: /);
    await expect(page.getByTestId("count-prompts")).toHaveText("0");

    await page.getByLabel("Skip invalid records").check();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-result")).toContainText("Imported 3 prompts and 4 answers.");
    await expect(page.getByTestId("count-prompts")).toHaveText("3");
    await expect(page.getByTestId("count-imported")).toHaveText("4");
    await expect(page.getByTestId("prompt-item")).toHaveCount(3);
    await expect(page.getByTestId("prompt-item").first()).toContainText("Who are you?");

    // A rule, its preview on a sample, then the derived candidates.
    await page.getByLabel("Find").fill("Qwen");
    await page.getByLabel("Replace with").fill("Deep Qwen");
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect(page.getByTestId("rewrite-rule")).toHaveCount(1);
    await expect(page.getByTestId("rule-preview-summary")).toContainText("On a sample of 4 candidates, the enabled rules change 2.");
    await expect(page.getByTestId("rule-preview-example").filter({ hasText: "My name is Deep Qwen." })).toBeVisible();
    await expect(page.getByTestId("rule-preview-exists")).toHaveCount(0);
    await page.getByRole("button", { name: "Apply rules to all candidates" }).click();
    await expect(page.getByTestId("apply-rules-ok")).toContainText("Created 2 derived candidates from 4 examined; 2 unchanged by the rules, 0 already derived.");
    await expect(page.getByTestId("count-rule-derived")).toHaveText("2");
    const first = page.getByTestId("prompt-item").first();
    await first.locator("summary").click();
    await expect(first.locator('[data-source="RULE_DERIVED"]')).toContainText("I am Deep Qwen, made by Alibaba Cloud.");
    await expect(first.locator('[data-source="IMPORTED"]')).toHaveCount(2);

    // The preview now says which of its changes already exist: applying again would skip them.
    await expect(page.getByTestId("rule-preview-summary")).toContainText("2 of these 2 changes already exist");
    await expect(page.getByTestId("rule-preview-example")).toHaveCount(2);
    await expect(page.getByTestId("rule-preview-exists")).toHaveCount(2);

    // Applying again derives nothing new.
    await page.getByRole("button", { name: "Apply rules to all candidates" }).click();
    await expect(page.getByTestId("apply-rules-ok")).toContainText("Created 0 derived candidates from 4 examined; 2 unchanged by the rules, 2 already derived.");
  });

  test("a large CSV goes through the import route as a stream: counts, duplicates and the row of a bad record", async ({ as }) => {
    const set = await createPromptSet({ actor: systemActor("e2e"), input: { name: `Large ${randomUUID().slice(0, 8)}` } });
    const { context } = await as("ADMIN");
    const rows = Array.from({ length: 20_000 }, (_, i) => `"Prompt number ${i}, with a comma",ref ${i}`);
    rows[100] = rows[99]!; // a duplicate within the file
    rows[500] = ",no prompt here";
    const body = ["prompt,reference", ...rows].join("\n");
    const response = await context.request.post(`/api/prompt-sets/${set.id}/import?format=auto&mode=skip-invalid&filename=big.csv`, { data: body, headers: { "content-type": "text/csv" } });
    expect(response.status()).toBe(200);
    const result = (await response.json()) as { imported: number; duplicatesInFile: number; invalid: number; errors: { line: number; message: string }[] };
    expect(result).toMatchObject({ imported: 19_998, duplicatesInFile: 1, invalid: 1 });
    expect(result.errors[0]!.message).toMatch(/^row 502: /);
  });

  test("an engineer reads a set and its prompts but cannot change or import", async ({ as }) => {
    const set = await seededSet();
    const { page, context } = await as("ENGINEER");
    await page.goto("/prompt-sets");
    await page.getByRole("link", { name: set.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: set.name })).toBeVisible();
    await expect(page.getByTestId("prompt-item")).toContainText("Seeded question");
    await expect(page.getByRole("heading", { name: "Import prompts" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create prompt set" })).toHaveCount(0);
    const settings = await page.goto(`/prompt-sets/${set.id}/settings`);
    expect(settings?.status()).toBe(403);
    const response = await context.request.post(`/api/prompt-sets/${set.id}/import?format=jsonl&mode=skip-invalid`, { data: '{"prompt":"sneaky"}\n' });
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
  });

  test("an annotator is refused the prompt sets area, its pages and its import route", async ({ as }) => {
    const set = await seededSet();
    const { page, context } = await as("ANNOTATOR");
    for (const path of ["/prompt-sets", `/prompt-sets/${set.id}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByText("Seeded question")).toHaveCount(0);
    }
    const response = await context.request.post(`/api/prompt-sets/${set.id}/import?format=jsonl`, { data: '{"prompt":"sneaky"}\n' });
    expect(response.status()).toBe(403);
  });
});
