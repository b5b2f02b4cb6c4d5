import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { expect, openWorkspace, test } from "../support/fixtures";

test("an annotator works through a pairwise queue with the keyboard only: choose, explain, skip", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 3 });
  await page.goto("/annotate");
  await expect(page.getByRole("listitem").filter({ hasText: set.name })).toBeVisible();
  await page.getByRole("link", { name: `Start ${set.name}` }).focus();
  await page.keyboard.press("Enter");
  const item = page.getByTestId("annotation-item");
  await expect(item).toBeVisible();

  // First prompt: A, submitted with Enter.
  const first = await item.getAttribute("data-assignment-id");
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: /A is better/ })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Enter");
  await expect(item).not.toHaveAttribute("data-assignment-id", first!);

  // Second prompt: B, a rationale typed after "r" (typing does not trigger verdicts), Ctrl+Enter.
  const second = await item.getAttribute("data-assignment-id");
  await page.keyboard.press("2");
  await page.keyboard.press("r");
  await expect(page.getByLabel(/Rationale/)).toBeFocused();
  await page.keyboard.type("a b tie 1 2 3: B says who it is");
  await expect(page.getByRole("button", { name: /B is better/ })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Control+Enter");
  await expect(item).not.toHaveAttribute("data-assignment-id", second!);

  // Third prompt: skipped with a reason.
  const third = await item.getAttribute("data-assignment-id");
  await page.keyboard.press("s");
  await expect(page.getByLabel("Reason (optional)")).toBeFocused();
  await page.keyboard.type("not my language");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Nothing left to judge here" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");

  const judgments = await getDb().judgment.findMany({
    where: { promptSetId: set.id },
    orderBy: { createdAt: "asc" },
    select: { assignmentId: true, outcome: true, rationale: true, candidates: { orderBy: { position: "asc" }, select: { rank: true } } },
  });
  expect(judgments).toEqual([
    { assignmentId: first, outcome: "PREFERENCE", rationale: null, candidates: [{ rank: 1 }, { rank: 2 }] },
    { assignmentId: second, outcome: "PREFERENCE", rationale: "a b tie 1 2 3: B says who it is", candidates: [{ rank: 2 }, { rank: 1 }] },
  ]);
  expect(await getDb().assignment.findUnique({ where: { id: third! }, select: { status: true, skipReason: true } })).toEqual({ status: "SKIPPED", skipReason: "not my language" });
});

test("an annotator ranks with the keyboard, ties two answers and rewrites the best one", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 1, candidatesPerPrompt: 3, mode: "RANKING" });
  await openWorkspace(page, set.id);
  await expect(page.getByRole("list", { name: "Ranking, best first" })).toBeVisible();
  const initial = await page.getByRole("list", { name: "Ranking, best first" }).getByRole("listitem").evaluateAll((items) => items.map((li) => li.getAttribute("data-testid")));
  expect(initial).toEqual(["ranked-A", "ranked-B", "ranked-C"]);

  // Focus the last answer (j j) and move it to the top (K K); then tie the third with the second (j j t).
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("Shift+K");
  await page.keyboard.press("Shift+K");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("t");
  const ranked = page.getByRole("list", { name: "Ranking, best first" }).getByRole("listitem");
  await expect(ranked.nth(0)).toHaveAttribute("data-testid", "ranked-C");
  await expect(ranked.nth(0)).toHaveAttribute("data-rank", "1");
  await expect(ranked.nth(1)).toHaveAttribute("data-rank", "2");
  await expect(ranked.nth(2)).toHaveAttribute("data-rank", "2");

  await page.keyboard.press("e");
  const rewrite = page.getByLabel(/Your rewrite of answer C/);
  await expect(rewrite).toBeFocused();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Improved by hand.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("heading", { name: "Nothing left to judge here" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveText("All judgments saved");

  const judgment = await getDb().judgment.findFirstOrThrow({
    where: { promptSetId: set.id },
    select: { outcome: true, mode: true, rewriteCandidate: { select: { content: true, source: true, parentId: true, authorId: true } }, candidates: { orderBy: { position: "asc" }, select: { candidateId: true, rank: true } } },
  });
  expect(judgment.mode).toBe("RANKING");
  expect(judgment.outcome).toBe("PREFERENCE");
  expect(judgment.candidates.map((c) => c.rank)).toEqual([2, 2, 1]);
  expect(judgment.rewriteCandidate).toMatchObject({ source: "HUMAN_REWRITE", parentId: judgment.candidates[2]!.candidateId, authorId: user.id });
  expect(judgment.rewriteCandidate!.content).toMatch(/Improved by hand\.$/);
});

test("the guidelines and the shortcuts are one key away", async ({ as }) => {
  const { user, page } = await as("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [user.id], prompts: 1, guidelines: "# Our rules\n\nPrefer **Deep Qwen**." });
  await openWorkspace(page, set.id);
  await expect(page.getByTestId("annotation-item")).toBeVisible();
  await page.keyboard.press("g");
  const guidelines = page.getByRole("dialog", { name: "Guidelines" });
  await expect(guidelines.getByRole("heading", { name: "Our rules" })).toBeVisible();
  // A modal dialog: Tab and Shift+Tab keep the focus inside it, whatever they pass through.
  for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await guidelines.evaluate((dialog) => dialog.contains(document.activeElement)), `focus after ${key}`).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(guidelines).toBeHidden();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help.getByText("A is better")).toBeVisible();
  await page.keyboard.press("Tab");
  expect(await help.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});
