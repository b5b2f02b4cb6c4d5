import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { requireId } from "../parse";

/**
 * Replaces a generated candidate with a new sample from the same endpoint and parameters: the candidate
 * is removed and its task queued again, so the prompt still ends with N candidates per model. A candidate
 * that was already judged is kept (judgments refer to it); candidates derived from it by rewrite rules
 * go with it, as their source text no longer exists.
 */
export async function regenerateCandidate({ actor, candidateId }: { actor: Actor; candidateId: string }): Promise<{ runId: string; taskId: string }> {
  requirePermission(actor, canManageEndpoints, "regenerate candidates");
  requireId(candidateId, "candidate");
  return getDb().$transaction(async (tx) => {
    const candidate = await tx.candidate.findUnique({
      where: { id: candidateId },
      select: { id: true, generationTaskId: true, generationTask: { select: { runId: true } }, _count: { select: { judged: true, derived: true } } },
    });
    if (!candidate) throw new AppError("NOT_FOUND", { key: "generation.noSuchCandidate" });
    if (!candidate.generationTaskId || !candidate.generationTask) throw new AppError("BAD_REQUEST", { key: "generation.notGenerated" });
    if (candidate._count.judged > 0) throw new AppError("CONFLICT", { key: "generation.candidateJudged" });
    const taskId = candidate.generationTaskId;
    const runId = candidate.generationTask.runId;
    await tx.candidate.delete({ where: { id: candidate.id } });
    await tx.generationTask.update({ where: { id: taskId }, data: { status: "PENDING", attempts: 0, lastError: null, nextAttemptAt: null, lockedUntil: null } });
    await tx.generationRun.update({ where: { id: runId }, data: { status: "RUNNING", finishedAt: null } });
    await recordAudit(tx, { actor, action: "candidate.regenerate", entityType: "candidate", entityId: candidateId, data: { runId, taskId } });
    return { runId, taskId };
  });
}
