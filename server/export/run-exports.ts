import "server-only";
import { exportSettingsSchema } from "@/lib/export/settings";
import { getDb, type Prisma } from "../db/client";
import { buildExport, ExportEmptyError } from "./build-export";

/**
 * Export jobs. An Export row is the job: QUEUED rows are claimed with FOR UPDATE SKIP LOCKED by
 * whichever app instance (or CLI) gets there first, so two instances never build the same export.
 * The app starts `drainExportQueue()` after responding to the request that queued the export
 * (next/server `after`); the CLI calls it directly.
 */

/** Claims the oldest queued export, or null. */
export async function claimNextExport(): Promise<string | null> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    UPDATE exports SET status = 'RUNNING', progress = 0
     WHERE id = (SELECT id FROM exports WHERE status = 'QUEUED' ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING id`;
  return rows[0]?.id ?? null;
}

/** Claims one given export (the CLI builds the export it queued, not whatever is oldest); false when taken. */
export async function claimExport(exportId: string): Promise<boolean> {
  const claimed = await getDb().$executeRaw`UPDATE exports SET status = 'RUNNING', progress = 0 WHERE id = ${exportId}::uuid AND status = 'QUEUED'`;
  return claimed === 1;
}

/** Builds one claimed export; records success (manifest, snapshot time) or failure (message) on its row. */
export async function runExport(exportId: string): Promise<void> {
  const db = getDb();
  const row = await db.export.findUniqueOrThrow({ where: { id: exportId }, include: { createdBy: { select: { email: true } } } });
  try {
    const settings = exportSettingsSchema.parse({ format: row.format, policy: row.policy, filters: row.filters, split: row.split });
    let lastWrite = 0;
    const built = await buildExport({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt,
      createdBy: row.createdBy?.email ?? null,
      settings,
      onProgress: async (done, total) => {
        // At most a few progress writes a second, whatever the page size.
        if (done !== 0 && done !== total && Date.now() - lastWrite < 250) return;
        lastWrite = Date.now();
        await db.export.update({ where: { id: row.id }, data: { progress: done, total } });
      },
    });
    await db.export.update({
      where: { id: row.id },
      data: { status: "SUCCEEDED", manifest: built.manifest as unknown as Prisma.InputJsonObject, snapshotAt: built.snapshotAt, finishedAt: new Date(), error: null },
    });
  } catch (error) {
    if (!(error instanceof ExportEmptyError)) console.error(`Export ${row.id} failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    await db.$transaction([
      db.exportFile.deleteMany({ where: { exportId: row.id } }),
      db.export.update({ where: { id: row.id }, data: { status: "FAILED", error: message.slice(0, 2000), finishedAt: new Date() } }),
    ]);
  }
}

let draining: Promise<number> | null = null;
let askedAgain = false;

/**
 * Builds queued exports one after another until none is left; returns how many this call built.
 * One drain per process at a time (exports are CPU-bound: two at once would only halve each); a call
 * during a drain makes it look once more before it ends, so a just-queued export is never missed.
 */
export function drainExportQueue(): Promise<number> {
  if (draining) {
    askedAgain = true;
    return draining;
  }
  draining = (async () => {
    let built = 0;
    try {
      do {
        askedAgain = false;
        for (let id = await claimNextExport(); id; id = await claimNextExport()) {
          await runExport(id);
          built += 1;
        }
      } while (askedAgain);
      return built;
    } finally {
      draining = null;
    }
  })();
  return draining;
}
