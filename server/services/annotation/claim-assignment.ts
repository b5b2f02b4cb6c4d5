import "server-only";
import { claimSchema } from "@/lib/annotation/submission";
import { requirePermission } from "../../auth/require";
import { canAnnotate } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { parseOrThrow, requireId } from "../parse";
import type { AnnotationItem, AnnotationPause, AnnotationSetup } from "@/lib/annotation/contracts";
import { loadItem } from "./internal/load-item";
import { isRetryableQueueError } from "./internal/transaction-options";
import { requireMemberPromptSet } from "./internal/membership";

/** Current item plus one fetched ahead: more leases than that per annotator only hoard prompts. */
const MAX_ACTIVE_LEASES = 2;
const ATTEMPTS = 20;

export type ClaimResult = {
  setup: AnnotationSetup;
  item: AnnotationItem | null;
  /** Set when the member is paused in this set: item is then null whatever the queue holds. */
  paused?: AnnotationPause;
};

type LeaseRow = { id: string; prompt_id: string; leased_at: Date; expires_at: Date };

/**
 * The annotator's next item in a prompt set: a lease they already hold (other than `excludeAssignmentIds`,
 * the items the browser already has), else a new lease on a prompt that still needs judgments and that
 * they have neither judged nor skipped; with probability `gold_rate`, a gold prompt they have not judged
 * yet, while one is left. A paused member gets no item, with the reason.
 *
 * The lease is taken by one call of the database function arbiter_claim (migration
 * 20261130133000_claim_open_slots, one round trip): it walks the partial index of the set's prompts with
 * open slots (prompts.open_slots) in id order, locking each with FOR UPDATE (SKIP LOCKED first, then
 * waiting, so the last open slot is never missed), and takes one slot of the first prompt the annotator
 * may judge. Its cost does not grow with the set's size or progress. The partial unique index
 * assignments_one_active_lease and the unique HUMAN judgment per (prompt, annotator) back it up.
 */
export async function claimAssignment({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input?: unknown }): Promise<ClaimResult> {
  requirePermission(actor, canAnnotate, "annotate");
  requireId(promptSetId, "prompt set");
  const { excludeAssignmentIds } = parseOrThrow(claimSchema, input ?? {});
  const db = getDb();
  const set = await requireMemberPromptSet(db, actor, promptSetId);
  const { overlap, leaseMinutes, defaultSystemMessage, goldRate, itemExtras, paused, ...setup } = set;
  if (paused) return { setup, item: null, paused };

  const gold = goldRate > 0 && Math.random() < goldRate;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const [lease] = await db.$queryRaw<LeaseRow[]>`
        SELECT id, prompt_id, leased_at, expires_at
        FROM arbiter_claim(${promptSetId}::uuid, ${actor.id}::uuid, ${overlap}::int, ${leaseMinutes}::int, ${gold}::boolean, ${excludeAssignmentIds}::uuid[], ${MAX_ACTIVE_LEASES}::int)`;
      if (!lease) return { setup, item: null };
      const item = await loadItem(db, { id: lease.id, promptId: lease.prompt_id, promptSetId, leasedAt: lease.leased_at, expiresAt: lease.expires_at }, setup.mode, defaultSystemMessage, itemExtras);
      return { setup, item };
    } catch (error) {
      // The same annotator claimed in two tabs at once (the unique active lease), or two claims
      // deadlocked while both waited for prompt rows: look again.
      if (isRetryableQueueError(error)) continue;
      throw error;
    }
  }
  return { setup, item: null };
}
