import { randomUUID } from "node:crypto";
import { appOriginHeaders, signInOverHttp, waitForHydrationAfterLoads } from "../support/fixtures";
import { expect, test } from "../support/fixtures";

test.describe("user management", () => {
  test("an admin creates a user who can then sign in", async ({ as, browser }) => {
    const { page } = await as("ADMIN");
    const email = `new-annotator-${randomUUID().slice(0, 8)}@test.arbiter`;
    await page.goto("/users");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill("New Annotator");
    await page.getByLabel("Role", { exact: true }).selectOption("ANNOTATOR");
    await page.getByRole("button", { name: "Create user" }).click();
    const password = (await page.getByTestId("generated-password").textContent())?.trim() ?? "";
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    await expect(page.getByTestId(`user-row-${email}`)).toHaveAttribute("data-role", "ANNOTATOR");

    const newcomer = await browser.newContext();
    const newcomerPage = waitForHydrationAfterLoads(await newcomer.newPage());
    await newcomerPage.goto("/signin");
    await newcomerPage.getByLabel("Email").fill(email);
    await newcomerPage.getByLabel("Password").fill(password);
    await newcomerPage.getByRole("button", { name: "Sign in" }).click();
    await expect(newcomerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Annotate" })).toBeVisible();
    await newcomer.close();
  });

  test("a disabled user is signed out on their next request", async ({ as }) => {
    const admin = await as("ADMIN");
    const annotator = await as("ANNOTATOR");
    await annotator.page.goto("/annotate");
    await expect(annotator.page.getByRole("heading", { level: 1, name: "Annotate" })).toBeVisible();

    await admin.page.goto("/users");
    const row = admin.page.getByTestId(`user-row-${annotator.user.email}`);
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toHaveAttribute("data-disabled", "true");

    await annotator.page.reload();
    await expect(annotator.page).toHaveURL(/\/signin/);
    const api = await annotator.context.request.get("/api/admin/users");
    expect(api.status()).toBe(401);

    // Enabled again, the old session stays ended: a new sign-in is needed.
    await row.getByRole("button", { name: "Enable" }).click();
    await expect(row).not.toHaveAttribute("data-disabled", "true");
    await annotator.page.goto("/annotate");
    await expect(annotator.page).toHaveURL(/\/signin/);
    await signInOverHttp(annotator.context.request, annotator.user);
    await annotator.page.goto("/annotate");
    await expect(annotator.page.getByRole("heading", { level: 1, name: "Annotate" })).toBeVisible();
  });

  test("an admin changes a role and resets a password; the old password stops working", async ({ as, browser, baseURL }) => {
    const admin = await as("ADMIN");
    const engineer = await as("ENGINEER");
    await admin.page.goto("/users");
    const row = admin.page.getByTestId(`user-row-${engineer.user.email}`);
    await row.getByLabel(`Role for ${engineer.user.email}`).selectOption("ANNOTATOR");
    await row.getByRole("button", { name: "Save role" }).click();
    await expect(row).toHaveAttribute("data-role", "ANNOTATOR");

    await row.getByRole("button", { name: "Reset password" }).click();
    await row.getByRole("button", { name: "Confirm reset" }).click();
    const newPassword = (await admin.page.getByTestId("reset-password").textContent())?.trim() ?? "";
    expect(newPassword).toMatch(/^[A-Za-z0-9]{20}$/);

    const fresh = await browser.newContext({ extraHTTPHeaders: appOriginHeaders(baseURL) });
    const { csrfToken } = (await (await fresh.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const old = await fresh.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: engineer.user.email, password: engineer.user.password, json: "true" }, maxRedirects: 0 });
    expect((await fresh.request.storageState()).cookies.some((c) => c.name.endsWith("session-token"))).toBe(false);
    expect(old.status()).toBeGreaterThanOrEqual(300);
    await signInOverHttp(fresh.request, { email: engineer.user.email, password: newPassword });
    await fresh.close();
  });
});
