import "server-only";
import { claimSchema } from "@/lib/annotation/submission";
import { requirePermission } from "../../auth/require";
import { canAnnotate } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { isUniqueViolation } from "../../errors";
import { parseOrThrow, requireId } from "../parse";
import type { AnnotationItem, AnnotationSetup } from "@/lib/annotation/contracts";
import { loadItem } from "./internal/load-item";
import { annotationTransaction, isRetryableConflict } from "./internal/transaction-options";
import { requireMemberPromptSet } from "./internal/membership";
import { filledSlots, leaseLapsed, promptParam } from "./internal/overlap";

/** Current item plus one fetched ahead: more leases than that per annotator only hoard prompts. */
const MAX_ACTIVE_LEASES = 2;
const ATTEMPTS = 20;

export type ClaimResult = { setup: AnnotationSetup; item: AnnotationItem | null };

/**
 * The annotator's next item in a prompt set: a lease they already hold (other than `excludeAssignmentIds`,
 * the items the browser already has), else a new lease on a prompt that still needs judgments and that
 * they have neither judged nor skipped.
 *
 * Correct under concurrency: the candidate prompt row is locked with FOR UPDATE SKIP LOCKED, and the
 * open slots are counted again in a new statement while the lock is held (under READ COMMITTED that
 * statement sees every lease committed by an earlier holder of the lock), so two annotators never take
 * the last slot of one prompt. The partial unique index assignments_one_active_lease and the unique
 * (prompt_id, annotator_id) on judgments back this up in the database.
 */
export async function claimAssignment({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input?: unknown }): Promise<ClaimResult> {
  requirePermission(actor, canAnnotate, "annotate");
  requireId(promptSetId, "prompt set");
  const { excludeAssignmentIds } = parseOrThrow(claimSchema, input ?? {});
  const db = getDb();
  const set = await requireMemberPromptSet(db, actor, promptSetId);
  const { overlap, leaseMinutes, defaultSystemMessage, ...setup } = set;

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const lease = await db.$transaction(async (tx) => {
        const held = await tx.assignment.findMany({
          where: { promptSetId, annotatorId: actor.id, status: "ACTIVE", expiresAt: { gt: new Date() } },
          orderBy: { leasedAt: "asc" },
          select: { id: true, promptId: true, promptSetId: true, leasedAt: true, expiresAt: true },
        });
        const resumable = held.find((lease) => !excludeAssignmentIds.includes(lease.id));
        if (resumable) return resumable;
        if (held.length >= MAX_ACTIVE_LEASES) return null;

        const [candidate] = await tx.$queryRaw<{ id: string }[]>`
          SELECT p.id FROM prompts p
          WHERE p.prompt_set_id = ${promptSetId}::uuid
            AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND j.annotator_id = ${actor.id}::uuid)
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.prompt_id = p.id AND a.annotator_id = ${actor.id}::uuid AND a.status IN ('ACTIVE', 'SKIPPED'))
            AND ${filledSlots(Prisma.sql`p.id`)} < ${overlap}
            AND (SELECT count(*) FROM candidates c WHERE c.prompt_id = p.id AND c.source <> 'HUMAN_REWRITE') >= 2
          -- By id: the index prompts (prompt_set_id, id) gives the order, so the scan stops at the first
          -- open prompt instead of filtering and sorting the whole set; uuids make it a shuffled queue.
          ORDER BY p.id
          LIMIT 1
          FOR UPDATE OF p SKIP LOCKED`;
        if (!candidate) return null;

        // We hold the prompt's lock: expire its stale leases and count again with a fresh snapshot.
        await tx.$executeRaw`
          UPDATE assignments a SET status = 'EXPIRED', closed_at = now()
          WHERE a.prompt_id = ${candidate.id}::uuid AND ${leaseLapsed("a")}`;
        const [slots] = await tx.$queryRaw<{ filled: number; mine: number }[]>`
          SELECT
            ${filledSlots(promptParam(candidate.id))}::int AS filled,
            (SELECT count(*) FROM judgments j WHERE j.prompt_id = ${candidate.id}::uuid AND j.annotator_id = ${actor.id}::uuid)::int AS mine`;
        if (!slots || slots.filled >= overlap || slots.mine > 0) throw new StaleCandidate();

        return tx.assignment.create({
          data: { promptId: candidate.id, promptSetId, annotatorId: actor.id, expiresAt: new Date(Date.now() + leaseMinutes * 60_000) },
          select: { id: true, promptId: true, promptSetId: true, leasedAt: true, expiresAt: true },
        });
      }, annotationTransaction);
      return { setup, item: lease ? await loadItem(db, lease, setup.mode, defaultSystemMessage) : null };
    } catch (error) {
      // Another claimer filled the slot between our snapshot and our lock, or the same annotator
      // claimed in two tabs at once: look again.
      if (error instanceof StaleCandidate || isUniqueViolation(error) || isRetryableConflict(error)) continue;
      throw error;
    }
  }
  return { setup, item: null };
}

class StaleCandidate extends Error {}
