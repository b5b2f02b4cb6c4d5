import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page, type Response } from "@playwright/test";
import type { Role } from "../../lib/vocabulary";
import { makeUser, type TestUser } from "../../tests/support/factories";

/** Signs in over HTTP, as the sign-in form does, so that specs other than the form's start signed in. */
export async function signInOverHttp(request: APIRequestContext, user: Pick<TestUser, "email" | "password">): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    // As the sign-in form's own request would: the app refuses writes from other origins.
    headers: { origin: new URL(csrf.url()).origin },
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${user.email}`).toBeLessThan(400);
  const cookies = await request.storageState();
  expect(cookies.cookies.some((cookie) => cookie.name.endsWith("next-auth.session-token")), "session cookie set").toBe(true);
}

type SignedIn = { user: TestUser; context: BrowserContext; page: Page };

/**
 * The app refuses writes without the browser's Origin header (CSRF). Pages send it themselves; the
 * context's API requests (context.request) do not, so they send the app's origin as a browser would.
 */
export function appOriginHeaders(baseURL: string | undefined): Record<string, string> {
  if (!baseURL) throw new Error("baseURL is not configured");
  return { origin: new URL(baseURL).origin };
}

/**
 * A page rendered on the server is visible, and its fields editable, before React hydrates it; a value
 * filled or a key pressed in between can be lost or overwritten (a textarea filled then had its old value
 * appended). The app marks <html data-hydrated="true"> once hydrated (components/hydration-mark.tsx); after
 * each full page load by goto, reload or waitForURL this page waits for that mark, as a person waits for a
 * page to come alive. Responses that are not HTML (a JSON route, a download) are not waited on.
 */
export function waitForHydrationAfterLoads(page: Page): Page {
  const hydrated = () => page.locator('html[data-hydrated="true"]').waitFor({ state: "attached" });
  const isHtml = (response: Response | null) => response === null || (response.headers()["content-type"] ?? "").startsWith("text/html");
  const { goto, reload, waitForURL } = { goto: page.goto.bind(page), reload: page.reload.bind(page), waitForURL: page.waitForURL.bind(page) };
  page.goto = async (...args) => {
    const response = await goto(...args);
    if (isHtml(response)) await hydrated();
    return response;
  };
  page.reload = async (...args) => {
    const response = await reload(...args);
    if (isHtml(response)) await hydrated();
    return response;
  };
  page.waitForURL = async (...args) => {
    await waitForURL(...args);
    await hydrated();
  };
  return page;
}

async function signedInAs(browser: Browser, role: Role, baseURL: string | undefined): Promise<SignedIn> {
  const user = await makeUser(role);
  const context = await browser.newContext({ extraHTTPHeaders: appOriginHeaders(baseURL) });
  await signInOverHttp(context.request, user);
  return { user, context, page: waitForHydrationAfterLoads(await context.newPage()) };
}

export const test = base.extend<{ as: (role: Role) => Promise<SignedIn> }>({
  page: async ({ page }, use) => {
    await use(waitForHydrationAfterLoads(page));
  },
  as: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role) => {
      const signedIn = await signedInAs(browser, role, baseURL);
      contexts.push(signedIn.context);
      return signedIn;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/**
 * Opens the annotation workspace of a set and waits until its item is interactive: the item is in the
 * server's HTML at once, but keys pressed before React hydrates it would be lost.
 */
export async function openWorkspace(page: Page, promptSetId: string): Promise<void> {
  await page.goto(`/annotate/${promptSetId}`);
  await expect(page.locator('[data-testid="annotation-item"][data-hydrated="true"]')).toBeVisible();
}
