import pg from "pg";
import { getDb } from "../../server/db/client";
import { makeCandidate, makeJudgment, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";

// A RUNNING export is cancelled from the Exports page: the builder stops, the export ends CANCELLED with
// no files, and the worker goes on to the next export.
//
// Held running without a sleep or a big set: the spec takes `LOCK TABLE export_files IN SHARE MODE`,
// which lets the worker claim the export (a row lock on exports, untouched) and lets the cancel's UPDATE
// of exports through, but holds the builder at its first file (an INSERT into export_files) until the
// spec lets go. Then the builder writes its first page, asks whether it was cancelled, and stops. Other
// exports' builders wait for the same lock meanwhile, so it is held for as short a time as the story allows.

async function setWithPairs(count: number) {
  const annotator = await makeUser("ANNOTATOR");
  const set = await makePromptSet({ name: `e2e-cancel-running-${crypto.randomUUID().slice(0, 8)}` });
  for (let i = 0; i < count; i += 1) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: `${i} + 2?` }]);
    const [good, bad] = [await makeCandidate(prompt.id, String(i + 2)), await makeCandidate(prompt.id, String(i + 3))];
    await makeJudgment(prompt, annotator.id, { outcome: "PREFERENCE", ranks: [{ candidateId: good.id, rank: 1 }, { candidateId: bad.id, rank: 2 }] });
  }
  return set;
}

const exportState = (id: string) => getDb().export.findUniqueOrThrow({ where: { id }, select: { status: true, cancelRequestedAt: true, files: { select: { path: true } } } });

test("an engineer cancels a running export: it stops, ends cancelled with no files, and the worker builds the next one", async ({ as }) => {
  const set = await setWithPairs(3);
  const { context, page } = await as("ENGINEER");
  const create = async (name: string) => {
    const created = await context.request.post("/api/exports", { data: { name, format: "trl-preference", filters: { promptSetIds: [set.id] } } });
    expect(created.status(), await created.text()).toBe(202);
    return ((await created.json()) as { export: { id: string } }).export.id;
  };

  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  try {
    // Another spec's export claimed before ours would wait on the lock while ours waits behind it in the
    // queue: then let go, cancel ours while it is still queued, and try again.
    let exportName = "";
    let exportId = "";
    for (let attempt = 0; attempt < 3 && !exportId; attempt += 1) {
      await holder.query("BEGIN");
      await holder.query("LOCK TABLE export_files IN SHARE MODE");
      const name = `cancel-running-${crypto.randomUUID().slice(0, 8)}`;
      const id = await create(name);
      const running = await expect
        .poll(async () => (await exportState(id)).status, { timeout: 8_000 })
        .toBe("RUNNING")
        .then(() => true)
        .catch(() => false);
      if (running) {
        exportName = name;
        exportId = id;
      } else {
        await holder.query("COMMIT");
        await context.request.post(`/api/exports/${id}/cancel`, { data: {} });
      }
    }
    expect(exportId, "an export held running").not.toBe("");

    await page.goto("/exports");
    const row = page.getByRole("row").filter({ hasText: exportName });
    await expect(row).toContainText("running");
    await row.getByRole("button", { name: `Cancel export ${exportName}` }).click();
    // The request is recorded while the builder is still held; it is the builder that ends the export.
    await expect.poll(async () => (await exportState(exportId)).cancelRequestedAt).not.toBeNull();
    expect((await exportState(exportId)).status).toBe("RUNNING");

    await holder.query("COMMIT");
    // The live status follows the export to its end without a reload.
    await expect(row).toContainText("cancelled");
    await expect(row.getByRole("button", { name: `Cancel export ${exportName}` })).toHaveCount(0);
    expect(await exportState(exportId)).toEqual({ status: "CANCELLED", cancelRequestedAt: expect.any(Date), files: [] });
    // Nothing of what the builder wrote before it stopped is left.
    const chunks = await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM export_file_chunks WHERE export_id = ${exportId}::uuid`;
    expect(chunks[0]?.n).toBe(0);

    // The worker moves on: the next export of the same set is built and published.
    const nextId = await create(`after-cancel-${crypto.randomUUID().slice(0, 8)}`);
    await expect.poll(async () => (await exportState(nextId)).status, { timeout: 20_000 }).toBe("SUCCEEDED");
    const next = await getDb().export.findUniqueOrThrow({ where: { id: nextId }, select: { files: { select: { path: true, rows: true } } } });
    expect(next.files.map((file) => file.path)).toContain("README.md");
    expect(next.files.reduce((sum, file) => sum + (file.rows ?? 0), 0)).toBe(3);
  } finally {
    await holder.query("ROLLBACK").catch(() => undefined);
    await holder.end();
  }
});
