import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";

test.describe("signing in with the form", () => {
  test("a wrong password is refused with a message; the right one opens the workspace", async ({ page }) => {
    const user = await makeUser("ANNOTATOR");
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);

    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signin-error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/signin/);

    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByTestId("current-user")).toContainText(user.email);
    await expect(page).not.toHaveURL(/\/signin/);
  });

  test("signing out ends the session, also for a copy of its cookie", async ({ as, playwright, baseURL }) => {
    const { page, context } = await as("ENGINEER");
    await page.goto("/");
    const copied = await context.storageState();
    const thief = await playwright.request.newContext({ baseURL, storageState: copied });
    expect((await thief.get("/api/exports")).status(), "the copied cookie works before sign-out").toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/exports");
    await expect(page).toHaveURL(/\/signin/);

    const after = await thief.get("/api/exports");
    expect(after.status(), "the copied cookie after sign-out").toBe(401);
    await thief.dispose();
  });
});
