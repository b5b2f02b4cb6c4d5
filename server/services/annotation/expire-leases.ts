import "server-only";
import { getDb } from "../../db/client";

/**
 * Marks leases past their expiry EXPIRED, so their prompts go back to the queue. Claims also do this
 * for the prompt they lock, so nothing depends on this sweep running; it keeps the table honest for
 * reports. Rows locked by a concurrent claim or submit are left to them.
 */
export async function expireLeases({ promptSetId }: { promptSetId?: string } = {}): Promise<number> {
  return getDb().$executeRaw`
    UPDATE assignments SET status = 'EXPIRED', closed_at = now()
    WHERE id IN (
      SELECT id FROM assignments
      WHERE status = 'ACTIVE' AND expires_at <= now() AND (${promptSetId ?? null}::uuid IS NULL OR prompt_set_id = ${promptSetId ?? null}::uuid)
      FOR UPDATE SKIP LOCKED)`;
}
