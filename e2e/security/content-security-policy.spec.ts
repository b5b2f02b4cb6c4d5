import type { Page } from "@playwright/test";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { expect, test } from "../support/fixtures";

// Every page is served with a nonce-based Content-Security-Policy, and none of them trips it: the
// browser reports each blocked script, style, image, font or connection as a securitypolicyviolation.

type Violation = { page: string; directive: string; blocked: string };

async function watch(page: Page): Promise<{ violations: Violation[]; errors: string[] }> {
  const found = { violations: [] as Violation[], errors: [] as string[] };
  // Init scripts run through the DevTools protocol, outside the page's policy.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy/i.test(text)) found.violations.push({ page: page.url(), directive: text, blocked: message.location().url });
  });
  page.on("pageerror", (error) => found.errors.push(`${page.url()}: ${error.message}`));
  return found;
}

async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const policy = response!.headers()["content-security-policy"] ?? "";
  expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy, path).toContain("frame-ancestors 'none'");
  expect(policy, path).not.toContain("unsafe-eval");
  // The page came alive: React hydrated it (a blocked script would leave it inert).
  await page.waitForLoadState("networkidle");
  await expect(page.locator("body")).toBeVisible();
}

test("no page trips the Content-Security-Policy, for an admin and an annotator", async ({ as }) => {
  test.setTimeout(120_000);
  const admin = await as("ADMIN");
  const annotator = await as("ANNOTATOR");
  const set = await makeAnnotationSet({
    memberIds: [admin.user.id, annotator.user.id],
    // The admin's visit takes a lease and prefetches the next; the annotator needs one left.
    prompts: 4,
    content: (_, c) => (c === 0 ? "Maths: $\\frac{1}{2} + \\sqrt{x^2}$ and\n\n$$\\int_0^1 x\\,dx$$\n\n```python\nprint('hi')\n```" : "| a | b |\n|---|---|\n| **1** | `2` |"),
  });
  const created = await admin.context.request.post("/api/exports", { data: { format: "kto", filters: { promptSetIds: [set.id] } } });
  const exportId = created.ok() ? ((await created.json()) as { export: { id: string } }).export.id : undefined;

  const adminWatch = await watch(admin.page);
  const adminPages = [
    "/",
    "/prompt-sets",
    `/prompt-sets/${set.id}`,
    `/prompt-sets/${set.id}/settings`,
    `/prompt-sets/${set.id}/generate`,
    "/endpoints",
    "/users",
    "/exports",
    ...(exportId ? [`/exports/${exportId}`] : []),
    "/review",
    `/review/${set.id}`,
    `/review/prompts/${set.promptIds[0]}`,
    "/annotate",
    `/annotate/${set.id}`,
  ];
  for (const path of adminPages) await visit(admin.page, path);
  // KaTeX and highlighted code rendered under the policy.
  await expect(admin.page.locator(".katex").first()).toBeVisible();

  const annotatorWatch = await watch(annotator.page);
  for (const path of ["/", "/annotate", `/annotate/${set.id}`]) await visit(annotator.page, path);
  await expect(annotator.page.getByTestId("annotation-item")).toBeVisible();

  expect(exportId, `POST /api/exports answered ${created.status()}: ${await created.text()}`).toBeDefined();
  expect([...adminWatch.violations, ...annotatorWatch.violations]).toEqual([]);
  expect([...adminWatch.errors, ...annotatorWatch.errors]).toEqual([]);
});

test("the sign-in page works under the policy", async ({ page }) => {
  const found = await watch(page);
  await visit(page, "/signin");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  expect(found.violations).toEqual([]);
  expect(found.errors).toEqual([]);
});
