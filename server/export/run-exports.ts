import "server-only";
import { exportSettingsSchema } from "@/lib/export/settings";
import type pg from "pg";
import { describeError } from "@/lib/describe-error";
import { getDb } from "../db/client";
import { buildExport, ExportCancelledError, ExportEmptyError } from "./build-export";
import { getPgPool, inPgTransaction } from "../db/pg-pool";
import { recordExportJob } from "../observability/metrics";

/**
 * Export jobs. An Export row is the job: QUEUED rows are claimed with FOR UPDATE SKIP LOCKED by
 * whichever worker (or CLI) gets there first, so two builders never build the same export. The app
 * only queues exports: workers (`npm run worker`, and the one `npm start` runs) poll the queue with
 * `runExportQueue()`; the CLI claims and builds its own export inline.
 *
 * The builder holds a session advisory lock on the export for as long as it runs, taken in the same
 * transaction as the claim. Postgres drops it when the builder's connection dies, so an export left
 * RUNNING by a crashed builder is one whose lock is free: every poll also sweeps for those, takes the
 * first over and builds it again from scratch (its partial files are deleted first).
 *
 * The lock's connection is also the builder's fence: the export's final status is written through it,
 * and a builder whose connection died (a Postgres restart) stops at its next page and writes nothing,
 * since another builder may already have taken the export over.
 */

type Claim = { client: pg.PoolClient; lost: Error | null; onError: (error: Error) => void; onEnd: () => void };
const held = new Map<string, Claim>();

export class ExportClaimLostError extends Error {
  constructor(exportId: string, cause: Error) {
    super(`Export ${exportId}: the connection holding its lock was lost (${cause.message || "closed"}); it is left for the next sweep to build again.`);
    this.name = "ExportClaimLostError";
  }
}
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
  if (id) {
    // A checked-out client with no error listener would crash the process when Postgres goes away.
    const claim: Claim = {
      client,
      lost: null,
      onError: (error) => (claim.lost ??= error),
      onEnd: () => (claim.lost ??= new Error("connection ended")),
    };
    client.on("error", claim.onError);
    client.on("end", claim.onEnd);
    held.set(id, claim);
  } else client.release();
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
  const claim = held.get(exportId);
  if (!claim) return;
  held.delete(exportId);
  const { client } = claim;
  let broken: Error | boolean | undefined = claim.lost ?? undefined;
  if (!broken) {
    try {
      await client.query(`SELECT pg_advisory_unlock(${lockKey("$1::uuid")})`, [exportId]);
    } catch (error) {
      broken = error instanceof Error ? error : true;
    }
  }
  // Ours come off right before the release, which puts the pool's own error listener back.
  client.removeListener("error", claim.onError);
  client.removeListener("end", claim.onEnd);
  client.release(broken || claim.lost || undefined);
}

function claimOf(exportId: string): Claim {
  const claim = held.get(exportId);
  if (!claim) throw new Error(`Export ${exportId} is not claimed by this process.`);
  if (claim.lost) throw new ExportClaimLostError(exportId, claim.lost);
  return claim;
}

/** Builds one claimed export; records success (manifest, snapshot time) or failure (message) on its row. */
export async function runExport(exportId: string): Promise<void> {
  const started = performance.now();
  try {
    await buildAndRecord(exportId);
  } finally {
    await releaseClaim(exportId);
    await recordExportJob(exportId, (performance.now() - started) / 1000);
  }
}

async function buildAndRecord(exportId: string): Promise<void> {
  const db = getDb();
  const row = await db.export.findUniqueOrThrow({ where: { id: exportId }, include: { createdBy: { select: { email: true } } } });
  try {
    const settings = exportSettingsSchema.parse({ format: row.format, policy: row.policy, filters: row.filters, split: row.split, records: row.records });
    let lastWrite = 0;
    let cancelled = false;
    const built = await buildExport({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt,
      createdBy: row.createdBy?.email ?? null,
      settings,
      onProgress: async (done, total) => {
        const { client } = claimOf(row.id); // throws once the lock is gone: another builder may have the export now
        // At most a few writes a second, whatever the page size. The same statement reads whether a
        // cancel was asked (one node-postgres round trip through the lock's idle connection, not two
        // Prisma queries: the profile showed those at 5 % of the export).
        if (done !== 0 && done !== total && Date.now() - lastWrite < 250) return;
        lastWrite = Date.now();
        const { rows } = await client.query<{ cancelled: boolean }>(
          "UPDATE exports SET progress = $2, total = $3 WHERE id = $1 RETURNING cancel_requested_at IS NOT NULL AS cancelled",
          [row.id, done, total],
        );
        cancelled = rows[0]?.cancelled ?? false;
      },
      // Read by the last progress write, at most 250 ms ago.
      isCancelled: async () => cancelled,
    });
    // Through the lock's own connection: written only while this builder still holds the export.
    await claimOf(row.id).client.query(
      `UPDATE exports SET status = 'SUCCEEDED', manifest = $2::jsonb, snapshot_at = $3, finished_at = now(), error = NULL WHERE id = $1 AND status = 'RUNNING'`,
      [row.id, JSON.stringify(built.manifest), built.snapshotAt],
    );
  } catch (error) {
    const claim = held.get(row.id);
    if (error instanceof ExportClaimLostError || !claim || claim.lost) {
      // Not this export's failure: the sweep builds it again.
      console.error(error instanceof ExportClaimLostError ? error.message : `Export ${row.id}: its builder lost its lock (${describeError(error)}); left for the next sweep.`);
      return;
    }
    if (error instanceof ExportCancelledError) {
      await endWithoutFiles(claim, row.id, "CANCELLED", null);
      return;
    }
    if (!(error instanceof ExportEmptyError)) console.error(`Export ${row.id} failed: ${describeError(error)}`);
    const message = error instanceof Error ? error.message : String(error);
    await endWithoutFiles(claim, row.id, "FAILED", message.slice(0, 2000));
  }
}

/** Ends a running export as failed or cancelled, its partial files deleted, through the lock's connection. */
async function endWithoutFiles(claim: Claim, exportId: string, status: "FAILED" | "CANCELLED", error: string | null): Promise<void> {
  try {
    await inPgTransaction(claim.client, async (client) => {
      await client.query("DELETE FROM export_files WHERE export_id = $1", [exportId]);
      await client.query(`UPDATE exports SET status = $2, error = $3, finished_at = now() WHERE id = $1 AND status = 'RUNNING'`, [exportId, status, error]);
    });
  } catch (recordError) {
    console.error(`Export ${exportId}: could not record that it ended ${status} (${describeError(recordError)}); left for the next sweep.`);
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

/**
 * A worker's export loop: builds queued exports and takes over those whose builder died, polling every
 * `pollMs` until `signal` aborts. An export being built when the signal comes is not waited for (it may
 * take minutes): the caller exits, the lock goes with its connection, and another worker rebuilds it.
 */
export async function runExportQueue({ signal, pollMs = 1_000, log = () => {} }: { signal: AbortSignal; pollMs?: number; log?: (line: string) => void }): Promise<void> {
  const aborted = new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
  let failing = false;
  while (!signal.aborted) {
    try {
      await Promise.race([drainExportQueue(), aborted]);
      if (failing) log("the export queue is reachable again");
      failing = false;
    } catch (error) {
      // While the database is down every poll fails the same way: said once.
      if (!failing) log(`Could not read the export queue (retrying every ${pollMs} ms): ${describeError(error)}`);
      failing = true;
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, pollMs).unref()), aborted]);
  }
}
