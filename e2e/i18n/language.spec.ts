import { getDb } from "../../server/db/client";
import { makeUser } from "../../tests/support/factories";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { drawsChineseGlyphs } from "../support/cjk";
import { appOriginHeaders, expect, openWorkspace, signInOverHttp, test, waitForHydrationAfterLoads } from "../support/fixtures";

test("a Chinese browser gets the sign-in page in Chinese, and a wrong password is refused in Chinese", async ({ browser, baseURL }) => {
  const user = await makeUser("ANNOTATOR");
  const context = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" } });
  const page = waitForHydrationAfterLoads(await context.newPage());
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录 Arbiter" })).toBeVisible();
  expect(await drawsChineseGlyphs(page), "a CJK font is installed (fonts-noto-cjk)").toBe(true);
  await page.screenshot({ path: test.info().outputPath("signin-zh-CN.png") });

  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill("not the password at all");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("邮箱或密码错误。");

  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "标注" })).toBeVisible();
  await context.close();
  expect(baseURL).toBeTruthy();
});

test("an English browser gets English; the language switch saves Chinese on the account, for every browser", async ({ as, browser, baseURL }) => {
  const { user, page } = await as("ANNOTATOR");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Annotate" })).toBeVisible();

  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: `欢迎，${user.name}` })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("标注员");
  expect(await getDb().user.findUnique({ where: { id: user.id }, select: { locale: true } })).toEqual({ locale: "zh-CN" });

  // Another browser that asks for English: the saved choice wins over Accept-Language.
  const other = await browser.newContext({ extraHTTPHeaders: { ...appOriginHeaders(baseURL), "accept-language": "en-US,en;q=0.9" } });
  await signInOverHttp(other.request, user);
  const otherPage = waitForHydrationAfterLoads(await other.newPage());
  await otherPage.goto("/annotate");
  await expect(otherPage.getByRole("heading", { name: "标注", level: 1 })).toBeVisible();
  await otherPage.getByTestId("locale-switch").selectOption("en");
  await expect(otherPage.getByRole("heading", { name: "Annotate", level: 1 })).toBeVisible();
  expect(await getDb().user.findUnique({ where: { id: user.id }, select: { locale: true } })).toEqual({ locale: "en" });
  await other.close();
});

test("the workspace in Chinese: verdicts, shortcuts help, a judgment submitted, numbers and the empty state", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  await getDb().user.update({ where: { id: user.id }, data: { locale: "zh-CN" } });
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 1, content: (p, c) => (c === 0 ? "我是 Deep Qwen，由 Arbiter 团队训练的助手。" : "我是通义千问。") });
  await page.setViewportSize({ width: 1400, height: 900 });
  await openWorkspace(page, set.id);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const item = page.getByTestId("annotation-item");
  await expect(item).toBeVisible();
  await expect(page.getByRole("button", { name: /A 更好/ })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveText("所有评判均已保存");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "键盘快捷键" })).toContainText("显示这些快捷键");
  await page.keyboard.press("Escape");
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: /A 更好/ })).toHaveAttribute("aria-pressed", "true");
  expect(await drawsChineseGlyphs(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("workspace-zh-CN-1400x900.png") });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "这里没有需要评判的了" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveText("所有评判均已保存");
  expect(await getDb().judgment.count({ where: { promptSetId: set.id, annotatorId: user.id } })).toBe(1);
});

test("a refusal from the API carries its reason key beside the English message", async ({ as, baseURL }) => {
  const { context } = await as("ANNOTATOR");
  const response = await context.request.post("/api/annotation/judgments", {
    headers: { ...appOriginHeaders(baseURL), "content-type": "application/json", "accept-language": "zh-CN" },
    data: { assignmentId: "00000000-0000-4000-8000-000000000000", idempotencyKey: "k-00000000-0000-4000-8000-000000000000", shown: ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"], verdict: { kind: "pairwise", verdict: "A" } },
  });
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ error: { code: "NOT_FOUND", message: "No such assignment of yours.", key: "annotation.noSuchAssignment" } });
});
