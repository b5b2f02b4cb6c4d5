import "server-only";
import { submitJudgmentSchema, type SubmitJudgment } from "@/lib/annotation/submission";
import { requirePermission } from "../../auth/require";
import { canAnnotate } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, type Db, type Tx } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import type { SubmittedJudgment } from "@/lib/annotation/contracts";
import { filledSlots, promptParam } from "./internal/overlap";
import { rankVerdictOrThrow } from "./internal/rank-verdict";
import { annotationTransaction, isRetryableConflict } from "./internal/transaction-options";
import { scoreNewCandidates } from "../verifiers/score-candidates";

/**
 * Stores a judgment for one of the actor's leases: the judgment, its candidates' positions and ranks,
 * the rewrite (if any), the closing of the lease and the audit row, in one transaction.
 *
 * Idempotent by `idempotencyKey`: the same submission sent twice, ten times at once or after a timeout
 * stores one judgment and returns the same answer. The lease row is locked first, so concurrent
 * copies queue behind the first and then find its judgment; the unique key is the last line of defence.
 */
export async function submitJudgment({ actor, input }: { actor: Actor; input: unknown }): Promise<SubmittedJudgment> {
  requirePermission(actor, canAnnotate, "submit judgments");
  const submission = parseOrThrow(submitJudgmentSchema, input);
  const db = getDb();
  try {
    // Idempotent by key, so a transaction Postgres aborted (a deadlock) is simply run again.
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await db.$transaction((tx) => store(tx, actor, submission), annotationTransaction);
        if (submission.rewrite) await scoreRewrite(stored.judgmentId);
        return stored;
      } catch (error) {
        if (attempt >= 3 || !isRetryableConflict(error)) throw error;
      }
    }
  } catch (error) {
    if (isUniqueViolation(error)) {
      const replay = await findByKey(db, actor, submission.idempotencyKey);
      if (replay) return replay;
      throw new AppError("CONFLICT", { key: "annotation.alreadyJudged" });
    }
    throw error;
  }
}

/** The verifiers score a human rewrite like any other candidate, after the judgment's commit. */
async function scoreRewrite(judgmentId: string): Promise<void> {
  const judgment = await getDb().judgment.findUnique({ where: { id: judgmentId }, select: { rewriteCandidateId: true } });
  if (judgment?.rewriteCandidateId) await scoreNewCandidates({ candidateIds: [judgment.rewriteCandidateId] });
}

async function findByKey(db: Db | Tx, actor: Actor, idempotencyKey: string): Promise<SubmittedJudgment | null> {
  const judgment = await db.judgment.findUnique({
    where: { idempotencyKey },
    select: { id: true, assignmentId: true, promptId: true, outcome: true, annotatorId: true },
  });
  if (!judgment) return null;
  // Someone else's key: say nothing about their judgment.
  if (judgment.annotatorId !== actor.id) throw new AppError("CONFLICT", { key: "annotation.keyReused" });
  return { judgmentId: judgment.id, assignmentId: judgment.assignmentId ?? "", promptId: judgment.promptId, outcome: judgment.outcome };
}

async function store(tx: Tx, actor: Actor, submission: SubmitJudgment): Promise<SubmittedJudgment> {
  const [lease] = await tx.$queryRaw<{ id: string; prompt_id: string; prompt_set_id: string; status: string; expires_at: Date }[]>`
    SELECT id, prompt_id, prompt_set_id, status::text, expires_at FROM assignments
    WHERE id = ${submission.assignmentId}::uuid AND annotator_id = ${actor.id}::uuid
    FOR UPDATE`;
  if (!lease) throw new AppError("NOT_FOUND", { key: "annotation.noSuchAssignment" });

  const replay = await findByKey(tx, actor, submission.idempotencyKey);
  if (replay) return replay;

  const set = await tx.promptSet.findFirst({
    where: { id: lease.prompt_set_id, members: { some: { userId: actor.id } } },
    select: { judgingMode: true, rationaleMode: true, flagsEnabled: true, editsEnabled: true, overlap: true },
  });
  if (!set) throw new AppError("FORBIDDEN", { key: "annotation.noLongerMember" });

  if (lease.status === "SUBMITTED") throw new AppError("CONFLICT", { key: "annotation.submittedElsewhere" });
  if (lease.status === "SKIPPED" || lease.status === "RELEASED") throw new AppError("CONFLICT", { key: "annotation.skippedOrReleased" });
  if (lease.status === "EXPIRED") {
    // A late submission (the browser was offline past the lease) is kept when the prompt still has a
    // slot for it; it never pushes the prompt past its overlap.
    await tx.$queryRaw`SELECT id FROM prompts WHERE id = ${lease.prompt_id}::uuid FOR UPDATE`;
    const [slots] = await tx.$queryRaw<{ filled: number }[]>`
      SELECT ${filledSlots(promptParam(lease.prompt_id), { exceptAnnotatorId: actor.id })}::int AS filled`;
    if ((slots?.filled ?? 0) >= set.overlap) {
      throw new AppError("CONFLICT", { key: "annotation.leaseExpiredFilled" });
    }
  }

  const ranked = rankVerdictOrThrow(set.judgingMode, submission.shown, submission.verdict);
  const candidates = await tx.candidate.findMany({ where: { promptId: lease.prompt_id, source: { not: "HUMAN_REWRITE" } }, select: { id: true } });
  const known = new Set(candidates.map((candidate) => candidate.id));
  if (submission.shown.some((id) => !known.has(id))) {
    throw new AppError("BAD_REQUEST", { key: "annotation.shownNotThisPrompt" }, { shown: "not this prompt's candidates" });
  }

  const rationale = submission.rationale || null;
  if (set.rationaleMode === "REQUIRED" && !rationale) throw new AppError("BAD_REQUEST", { key: "annotation.rationaleRequired" }, { rationale: "required" });
  if (set.rationaleMode === "OFF" && rationale) throw new AppError("BAD_REQUEST", { key: "annotation.rationaleOff" }, { rationale: "not asked for" });
  if (!set.flagsEnabled && submission.flags.length) throw new AppError("BAD_REQUEST", { key: "annotation.flagsOff" }, { flags: "not asked for" });
  if (submission.rewrite && !set.editsEnabled) throw new AppError("BAD_REQUEST", { key: "annotation.rewritesOff" }, { rewrite: "not asked for" });
  if (submission.rewrite && !submission.shown.includes(submission.rewrite.parentCandidateId)) {
    throw new AppError("BAD_REQUEST", { key: "annotation.rewriteParentNotShown" }, { "rewrite.parentCandidateId": "not shown" });
  }

  const rewrite = submission.rewrite
    ? await tx.candidate.create({
        data: { promptId: lease.prompt_id, content: submission.rewrite.content, source: "HUMAN_REWRITE", parentId: submission.rewrite.parentCandidateId, authorId: actor.id },
        select: { id: true },
      })
    : null;
  const judgment = await tx.judgment.create({
    data: {
      promptId: lease.prompt_id,
      promptSetId: lease.prompt_set_id,
      annotatorId: actor.id,
      source: "HUMAN",
      assignmentId: lease.id,
      idempotencyKey: submission.idempotencyKey,
      mode: set.judgingMode,
      outcome: ranked.outcome,
      rationale,
      flags: submission.flags,
      timeSpentMs: submission.timeSpentMs,
      rewriteCandidateId: rewrite?.id ?? null,
      candidates: { create: ranked.candidates },
    },
    select: { id: true },
  });
  await tx.assignment.update({ where: { id: lease.id }, data: { status: "SUBMITTED", closedAt: new Date() } });
  await recordAudit(tx, {
    actor,
    action: "judgment.submit",
    entityType: "judgment",
    entityId: judgment.id,
    data: { promptId: lease.prompt_id, assignmentId: lease.id, outcome: ranked.outcome, late: lease.status === "EXPIRED", ...(rewrite ? { rewriteCandidateId: rewrite.id } : {}) },
  });
  return { judgmentId: judgment.id, assignmentId: lease.id, promptId: lease.prompt_id, outcome: ranked.outcome };
}
