import "server-only";
import { skipAssignmentSchema } from "@/lib/annotation/submission";
import { requirePermission } from "../../auth/require";
import { canAnnotate } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { annotationTransaction } from "./internal/transaction-options";
import { returnSlots } from "./internal/overlap";

/** Gives a leased prompt back to the queue for others; the annotator is not offered it again. Idempotent. */
export async function skipAssignment({ actor, assignmentId, input }: { actor: Actor; assignmentId: string; input?: unknown }): Promise<{ assignmentId: string; status: "SKIPPED" }> {
  requirePermission(actor, canAnnotate, "skip prompts");
  requireId(assignmentId, "assignment");
  const { reason } = parseOrThrow(skipAssignmentSchema, input ?? {});
  return getDb().$transaction(async (tx) => {
    const [lease] = await tx.$queryRaw<{ status: string; prompt_id: string }[]>`
      SELECT status::text, prompt_id FROM assignments WHERE id = ${assignmentId}::uuid AND annotator_id = ${actor.id}::uuid FOR UPDATE`;
    if (!lease) throw new AppError("NOT_FOUND", { key: "annotation.noSuchAssignment" });
    if (lease.status === "SKIPPED") return { assignmentId, status: "SKIPPED" as const };
    if (lease.status === "SUBMITTED") throw new AppError("CONFLICT", { key: "annotation.nothingToSkip" });
    await tx.assignment.update({ where: { id: assignmentId }, data: { status: "SKIPPED", closedAt: new Date(), skipReason: reason || null } });
    // An active lease held a slot; an expired one gave it back already.
    if (lease.status === "ACTIVE") await tx.$executeRaw(returnSlots(lease.prompt_id));
    await recordAudit(tx, { actor, action: "assignment.skip", entityType: "assignment", entityId: assignmentId, data: { promptId: lease.prompt_id, reason: reason || null } });
    return { assignmentId, status: "SKIPPED" as const };
  }, annotationTransaction);
}
