import { getDb } from "../../server/db/client";
import { makeAnnotationSet } from "../../tests/support/annotation-factories";
import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";

test("an annotator cannot open, claim in, or review a prompt set they do not belong to, nor read anyone's judgments", async ({ as }) => {
  const { page } = await as("ANNOTATOR");
  const other = await makeUser("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [other.id], prompts: 1 });
  const promptId = set.promptIds[0]!;

  expect((await page.goto(`/annotate/${set.id}`))?.status()).toBe(404);
  const claim = await page.request.post(`/api/annotation/prompt-sets/${set.id}/claim`, { data: {} });
  expect(claim.status()).toBe(404);
  for (const [method, url] of [
    ["GET", `/api/annotation/prompts/${promptId}`],
    ["POST", `/api/annotation/prompts/${promptId}/reopen`],
    ["POST", `/api/annotation/prompts/${promptId}/adjudicate`],
  ] as const) {
    const response = method === "GET" ? await page.request.get(url) : await page.request.post(url, { data: { reason: "x" } });
    expect(response.status(), url).toBe(403);
  }
  expect((await page.goto(`/review/prompts/${promptId}`))?.status()).toBe(403);
  const home = await page.request.get("/api/annotation/prompt-sets");
  expect(((await home.json()) as { promptSets: { id: string }[] }).promptSets.map((s) => s.id)).not.toContain(set.id);
});

test("an admin sees every judgment of a prompt, settles the disagreement and reopens it, all audited", async ({ as }) => {
  const { user: admin, page } = await as("ADMIN");
  const first = await makeUser("ANNOTATOR");
  const second = await makeUser("ANNOTATOR");
  const set = await makeAnnotationSet({ memberIds: [first.id, second.id], prompts: 1, overlap: 2 });
  const { claimAssignment } = await import("../../server/services/annotation/claim-assignment");
  const { submitJudgment } = await import("../../server/services/annotation/submit-judgment");
  for (const [annotator, verdict] of [[first, "A"], [second, "B"]] as const) {
    const { item } = await claimAssignment({ actor: annotator, promptSetId: set.id });
    // Each saw their own order; make them disagree on the same candidate.
    const ids = item!.candidates.map((c) => c.id).sort();
    await submitJudgment({ actor: annotator, input: { assignmentId: item!.assignmentId, idempotencyKey: `k-${crypto.randomUUID()}`, shown: ids, verdict: { kind: "pairwise", verdict } } });
  }
  await page.goto(`/review/${set.id}?only=disagreements`);
  await expect(page.getByText("Disagreement", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: /Question 1/ }).click();
  await expect(page.getByTestId("review-judgment")).toHaveCount(2);
  await expect(page.getByText(first.name).first()).toBeVisible();

  const settle = page.getByRole("form", { name: "Settle" });
  await settle.getByRole("radio").first().check();
  await settle.getByLabel("Why").fill("A states the identity");
  await settle.getByRole("button", { name: "Settle" }).click();
  await expect(page.getByText(/Settled: your verdict/)).toBeVisible();
  await expect(page.getByTestId("review-judgment")).toHaveCount(3);

  const reopen = page.getByRole("form", { name: "Reopen" });
  await reopen.getByLabel("Reason").fill("guidelines changed");
  await reopen.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByText(/Reopened: 3 judgments removed/)).toBeVisible();
  expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(0);
  const audit = await getDb().auditLog.findMany({ where: { actorId: admin.id, entityId: set.promptIds[0]! }, orderBy: { id: "asc" }, select: { action: true } });
  expect(audit.map((row) => row.action)).toEqual(["judgment.adjudicate", "prompt.reopen"]);
});
