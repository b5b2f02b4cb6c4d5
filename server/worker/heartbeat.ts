import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { describeError } from "@/lib/describe-error";
import { getDb } from "../db/client";

/** A worker writes its heartbeat this often... */
export const HEARTBEAT_EVERY_MS = 5_000;
/** ...and counts as alive for readiness (/api/health/ready) while its last beat is younger than this. */
export const HEARTBEAT_FRESH_MS = 30_000;
/** Rows of workers gone this long (SIGKILLed, their machine lost) are deleted by any worker's beat. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Beats for this worker process until stopped; `stop` deletes its row (a clean exit is not a stale
 * worker). A failed beat (the database is down) is logged once and retried on the next tick.
 */
export function startHeartbeat(log: (line: string) => void = () => {}): { id: string; stop(): Promise<void> } {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const db = getDb();
  let failing = false;
  const beat = async () => {
    try {
      const now = new Date();
      await db.workerHeartbeat.upsert({ where: { id }, create: { id, hostname: hostname(), pid: process.pid, beatAt: now }, update: { beatAt: now } });
      await db.workerHeartbeat.deleteMany({ where: { beatAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
      if (failing) log("heartbeat written again");
      failing = false;
    } catch (error) {
      if (!failing) log(`could not write the heartbeat (retrying every ${HEARTBEAT_EVERY_MS / 1000} s): ${describeError(error)}`);
      failing = true;
    }
  };
  let current = beat();
  const timer = setInterval(() => (current = current.then(beat)), HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await current;
      await db.workerHeartbeat.delete({ where: { id } }).catch(() => undefined);
    },
  };
}
