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

  test("signing out ends the session", async ({ as }) => {
    const { page } = await as("ENGINEER");
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/exports");
    await expect(page).toHaveURL(/\/signin/);
  });
});
