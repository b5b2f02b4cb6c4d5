import { expect, test } from "../support/fixtures";

// The server refuses, whatever the pages or the middleware do (CVE-2025-29927 skipped middleware
// when a request carried x-middleware-subrequest).
const bypassHeader = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };

test.describe("the admin boundary", () => {
  test("an annotator is refused the users page", async ({ as }) => {
    const { page, context } = await as("ANNOTATOR");
    const response = await page.goto("/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
    await expect(page.getByText("You don't have access to this page")).toBeVisible();

    const bypass = await context.request.get("/users", { headers: bypassHeader });
    expect(bypass.status()).toBe(403);
    // The page itself is not rendered (the words may be in the page's catalogue, never as its button).
    expect(await bypass.text()).not.toMatch(/>Create user</);
  });

  test("an annotator is refused the admin API, with and without the middleware-bypass header", async ({ as }) => {
    const { context, user } = await as("ANNOTATOR");
    for (const headers of [{}, bypassHeader]) {
      const list = await context.request.get("/api/admin/users", { headers });
      expect(list.status()).toBe(403);
      // English for people and logs, and a stable reason key with its parameters for scripts.
      expect(await list.json()).toEqual({
        error: { code: "FORBIDDEN", message: "Your role (ANNOTATOR) may not list users.", key: "auth.roleMayNot", params: { role: "ANNOTATOR", what: "list users" } },
      });

      const create = await context.request.post("/api/admin/users", { headers, data: { email: "intruder@test.arbiter", name: "Intruder", role: "ADMIN" } });
      expect(create.status()).toBe(403);

      const promote = await context.request.patch(`/api/admin/users/${user.id}`, { headers, data: { role: "ADMIN" } });
      expect(promote.status()).toBe(403);

      const reset = await context.request.post(`/api/admin/users/${user.id}/password`, { headers, data: {} });
      expect(reset.status()).toBe(403);
    }
  });

  test("without a session the admin API answers 401, also with the bypass header", async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    for (const headers of [{}, bypassHeader]) {
      const response = await request.get("/api/admin/users", { headers });
      expect(response.status()).toBe(401);
      expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
    }
    await request.dispose();
  });

  test("an admin may use the admin API", async ({ as }) => {
    const { context, user } = await as("ADMIN");
    const response = await context.request.get("/api/admin/users");
    expect(response.status()).toBe(200);
    const { users } = (await response.json()) as { users: { email: string; passwordHash?: string }[] };
    expect(users.map((u) => u.email)).toContain(user.email);
    expect(users.every((u) => u.passwordHash === undefined)).toBe(true);
  });
});
