import "server-only";
import { exportSettingsSchema } from "@/lib/export/settings";
import type pg from "pg";
import { getDb, type Prisma } from "../db/client";
import { buildExport, ExportCancelledError, ExportEmptyError } from "./build-export";
import { getPgPool, inPgTransaction } from "../db/pg-pool";

/**
 * Export jobs. An Export row is the job: QUEUED rows are claimed with FOR UPDATE SKIP LOCKED by
 * whichever app instance (or CLI) gets there first, so two instances never build the same export.
 * The app starts `drainExportQueue()` after responding to the request that queued the export
 * (next/server `after`); the CLI claims and runs its own export.
 *
 * The builder holds a session advisory lock on the export for as long as it runs, taken in the same
 * transaction as the claim. Postgres drops it when the builder's connection dies, so an export left
 * RUNNING by a crashed instance is one whose lock is free: the next claim takes it over and starts it
 * again from scratch (its partial files are deleted first).
 */

const held = new Map<string, pg.PoolClient>();
const lockKey = (column: string) => `hashtextextended('arbiter-export:' || ${column}::text, 0)`;

async function claimWith(select: (client: pg.ClientBase) => Promise<string | null>): Promise<string | null> {
  const client = await getPgPool().connect();
  let id: string | null;
  let broken: Error | undefined;
  try {
    id = await inPgTransaction(client, select, { onBroken: (error) => (broken = error) });
  } catch (error) {
    client.release(broken);
    throw error;
  }
  if (id) held.set(id, client);
  else client.release();
  return id;
}

/** Claims the oldest queued export, or else an export whose builder died; null when there is none. */
export async function claimNextExport(): Promise<string | null> {
  return claimWith(async (client) => {
    const queued = await client.query<{ id: string }>(
      `UPDATE exports SET status = 'RUNNING', progress = 0
        WHERE id = (SELECT id FROM exports WHERE status = 'QUEUED' ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id`,
    );
    const claimed = queued.rows[0]?.id;
    if (claimed) {
      // Taken before the claim commits: whoever sees the row RUNNING also sees it locked.
      await client.query(`SELECT pg_advisory_lock(${lockKey("$1::uuid")})`, [claimed]);
      return claimed;
    }
    const running = await client.query<{ id: string }>(`SELECT id FROM exports WHERE status = 'RUNNING' ORDER BY created_at, id FOR UPDATE SKIP LOCKED`);
    for (const { id } of running.rows) {
      const { rows } = await client.query<{ free: boolean }>(`SELECT pg_try_advisory_lock(${lockKey("$1::uuid")}) AS free`, [id]);
      if (!rows[0]?.free) continue;
      await client.query("DELETE FROM export_files WHERE export_id = $1", [id]);
      // Its builder died after a cancel request: end it as cancelled rather than build it again.
      const cancelled = await client.query(
        `UPDATE exports SET status = 'CANCELLED', finished_at = now() WHERE id = $1 AND cancel_requested_at IS NOT NULL RETURNING id`,
        [id],
      );
      if (cancelled.rowCount) {
        await client.query(`SELECT pg_advisory_unlock(${lockKey("$1::uuid")})`, [id]);
        continue;
      }
      await client.query("UPDATE exports SET progress = 0 WHERE id = $1", [id]);
      return id;
    }
    return null;
  });
}

/** Claims one given export (the CLI builds the export it queued, not whatever is oldest); false when taken. */
export async function claimExport(exportId: string): Promise<boolean> {
  const id = await claimWith(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `UPDATE exports SET status = 'RUNNING', progress = 0 WHERE id = $1 AND status = 'QUEUED' RETURNING id`,
      [exportId],
    );
    if (!rows[0]) return null;
    await client.query(`SELECT pg_advisory_lock(${lockKey("$1::uuid")})`, [exportId]);
    return rows[0].id;
  });
  return id !== null;
}

/** Ends a claim: the lock goes with its connection. */
async function releaseClaim(exportId: string): Promise<void> {
  const client = held.get(exportId);
  if (!client) return;
  held.delete(exportId);
  try {
    await client.query(`SELECT pg_advisory_unlock(${lockKey("$1::uuid")})`, [exportId]);
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : true);
  }
}

/** Builds one claimed export; records success (manifest, snapshot time) or failure (message) on its row. */
export async function runExport(exportId: string): Promise<void> {
  try {
    await buildAndRecord(exportId);
  } finally {
    await releaseClaim(exportId);
  }
}

async function buildAndRecord(exportId: string): Promise<void> {
  const db = getDb();
  const row = await db.export.findUniqueOrThrow({ where: { id: exportId }, include: { createdBy: { select: { email: true } } } });
  try {
    const settings = exportSettingsSchema.parse({ format: row.format, policy: row.policy, filters: row.filters, split: row.split, records: row.records });
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
      isCancelled: async () => (await db.export.findUnique({ where: { id: row.id }, select: { cancelRequestedAt: true } }))?.cancelRequestedAt != null,
    });
    await db.export.update({
      where: { id: row.id },
      data: { status: "SUCCEEDED", manifest: built.manifest as unknown as Prisma.InputJsonObject, snapshotAt: built.snapshotAt, finishedAt: new Date(), error: null },
    });
  } catch (error) {
    if (error instanceof ExportCancelledError) {
      await db.$transaction([
        db.exportFile.deleteMany({ where: { exportId: row.id } }),
        db.export.update({ where: { id: row.id }, data: { status: "CANCELLED", error: null, finishedAt: new Date() } }),
      ]);
      return;
    }
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
