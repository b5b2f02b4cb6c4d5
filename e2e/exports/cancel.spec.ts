import pg from "pg";
import { getDb } from "../../server/db/client";
import { makeCandidate, makeJudgment, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";

// A queued export is cancelled from the Exports page and ends CANCELLED. The worker polls every 250 ms,
// so the spec keeps the export queued: it holds a FOR KEY SHARE lock on the row, which the worker's claim
// (FOR UPDATE SKIP LOCKED) skips, while the cancel's UPDATE of status (a non-key column, FOR NO KEY
// UPDATE) is not blocked by it.

test("an engineer cancels a queued export from the Exports page and it ends cancelled, with no files", async ({ as }) => {
  const annotator = await makeUser("ANNOTATOR");
  const set = await makePromptSet({ name: `e2e-cancel-${crypto.randomUUID().slice(0, 8)}` });
  const prompt = await makePrompt(set.id, [{ role: "user", content: "2 + 2?" }]);
  const [good, bad] = [await makeCandidate(prompt.id, "4"), await makeCandidate(prompt.id, "5")];
  await makeJudgment(prompt, annotator.id, { outcome: "PREFERENCE", ranks: [{ candidateId: good.id, rank: 1 }, { candidateId: bad.id, rank: 2 }] });

  const { context, page } = await as("ENGINEER");
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  try {
    // The worker may claim an export between its creation and the lock: then try again with a new one.
    let exportName = "";
    let exportId = "";
    for (let attempt = 0; attempt < 5 && !exportId; attempt += 1) {
      const name = `cancel-me-${crypto.randomUUID().slice(0, 8)}`;
      const created = await context.request.post("/api/exports", { data: { name, format: "trl-preference", filters: { promptSetIds: [set.id] } } });
      expect(created.status(), await created.text()).toBe(202);
      const { export: row } = (await created.json()) as { export: { id: string } };
      await holder.query("BEGIN");
      const locked = await holder.query<{ status: string }>("SELECT status FROM exports WHERE id = $1 FOR KEY SHARE", [row.id]);
      if (locked.rows[0]?.status === "QUEUED") {
        exportName = name;
        exportId = row.id;
      } else await holder.query("ROLLBACK");
    }
    expect(exportId, "an export held in the queue").not.toBe("");

    await page.goto("/exports");
    const row = page.getByRole("row").filter({ hasText: exportName });
    await expect(row).toContainText("queued");
    await row.getByRole("button", { name: `Cancel export ${exportName}` }).click();
    await expect(row).toContainText("cancelled");
    await expect(row.getByRole("button", { name: `Cancel export ${exportName}` })).toHaveCount(0);

    // Released: the worker has nothing to claim, and the export stays cancelled.
    await holder.query("COMMIT");
    const stored = await getDb().export.findUniqueOrThrow({ where: { id: exportId }, select: { status: true, cancelRequestedAt: true, finishedAt: true, files: { select: { path: true } } } });
    expect(stored).toEqual({ status: "CANCELLED", cancelRequestedAt: expect.any(Date), finishedAt: expect.any(Date), files: [] });
    // Its page says so and offers no download.
    await page.goto(`/exports/${exportId}`);
    await expect(page.getByText("cancelled", { exact: true })).toBeVisible();
    await expect(page.getByTestId("download-zip")).toHaveCount(0);
    // A finished export cannot be cancelled again: 409 naming its status.
    const again = await context.request.post(`/api/exports/${exportId}/cancel`, { data: {} });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { error: { key: string } }).error.key).toBe("exports.cannotCancel");
  } finally {
    await holder.query("ROLLBACK").catch(() => undefined);
    await holder.end();
  }
});
