import { randomUUID } from "node:crypto";
import { systemActor } from "../../server/authz/actor";
import { createPromptSet } from "../../server/services/prompt-sets/create-prompt-set";
import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";

test.describe("managing a prompt set", () => {
  test("an admin edits settings, chooses annotators, archives, restores and deletes a set", async ({ as }) => {
    const name = `Manage ${randomUUID().slice(0, 8)}`;
    const set = await createPromptSet({ actor: systemActor("e2e"), input: { name } });
    const annotator = await makeUser("ANNOTATOR");
    const { page } = await as("ADMIN");
    await page.goto(`/prompt-sets/${set.id}`);
    await page.getByRole("link", { name: "Settings" }).click();

    await page.getByLabel("Description").fill("Who the model says it is");
    await page.getByLabel("Judging mode").selectOption("RANKING");
    await page.getByLabel("Candidates per prompt").fill("1");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("prompt-set-candidatesPerPrompt-error")).toHaveText("candidates per prompt must be at least 2");
    await page.getByLabel("Candidates per prompt").fill("3");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("prompt-set-form-ok")).toHaveText("Settings saved.");

    await page.getByLabel(new RegExp(annotator.email.replace(/[.]/g, "\\."))).check();
    await page.getByRole("button", { name: "Save members" }).click();
    await expect(page.getByTestId("members-ok")).toContainText("1 added");

    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByTestId("archive-ok")).toContainText("Archived");
    await page.goto(`/prompt-sets/${set.id}`);
    await expect(page.getByText("Archived: read-only")).toBeVisible();
    await expect(page.getByText("Who the model says it is")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Import prompts" })).toHaveCount(0);
    await page.goto(`/prompt-sets/${set.id}/settings`);
    await page.getByRole("button", { name: "Restore" }).click();
    await expect(page.getByTestId("archive-ok")).toHaveText("Restored.");

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete prompt set" }).click();
    await expect(page).toHaveURL(/\/prompt-sets$/);
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  });
});
