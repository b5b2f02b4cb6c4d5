import "server-only";
import { submitJudgmentSchema, type SubmitJudgment } from "@/lib/annotation/submission";
import { requirePermission } from "../../auth/require";
import { canAnnotate } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, hotQuery, type Db, type Tx } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import type { SubmittedJudgment } from "@/lib/annotation/contracts";
import { countsTowardOverlap, leaseLapsed } from "./internal/overlap";
import { majorityAgreement, verdictKey } from "@/lib/quality/agreement-share";
import { checkGoldAfterJudgment } from "../quality/internal/gold-check";
import { rankVerdictOrThrow } from "./internal/rank-verdict";
import { annotationTransaction, isRetryableConflict, isRetryableQueueError } from "./internal/transaction-options";
import { rankVerdict } from "@/lib/annotation/verdict";
import { scoreNewCandidates } from "../verifiers/score-candidates";
import { judgeSuggestionFor } from "../judges/internal/judge-suggestion";

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
  const fast = await storeInOneRoundTrip(actor, submission);
  if (fast) return fast;
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

/**
 * The common submission in one round trip: the database function arbiter_submit (migration
 * 20261130163000_submit_one_round_trip) checks the lease, the membership, the set's settings and the shown
 * candidates, and stores the judgment, its candidates, the closed lease and the audit row in one statement.
 * Null when it stored nothing: a rewrite, a late or replayed submission, a gold prompt, adaptive overlap,
 * a judge suggestion to return, or anything the full transaction must refuse with its reason.
 */
async function storeInOneRoundTrip(actor: Actor, submission: SubmitJudgment): Promise<SubmittedJudgment | null> {
  if (submission.rewrite) return null;
  // The mode the verdict is for; a set judged otherwise falls back, and the full path says so.
  const mode = submission.verdict.kind === "pairwise" ? "PAIRWISE" : "RANKING";
  const ranked = rankVerdict(mode, submission.shown, submission.verdict);
  if ("problem" in ranked) return null;
  const { candidates } = ranked;
  try {
    const [row] = await hotQuery<{ status: string; judgment_id: string | null; prompt_id: string | null }>(
      "arbiter_submit",
      `SELECT status, judgment_id, prompt_id FROM arbiter_submit($1::uuid, $2::uuid, $3, $4::judging_mode, $5::judgment_outcome,
         $6::text, $7::judgment_flag[], $8::int, $9::uuid[], $10::uuid[], $11::int[], $12::int[])`,
      [
        submission.assignmentId, actor.id, submission.idempotencyKey, mode, ranked.outcome,
        submission.rationale || null, submission.flags, submission.timeSpentMs,
        submission.shown, candidates.map((c) => c.candidateId), candidates.map((c) => c.position), candidates.map((c) => c.rank),
      ],
    );
    if (row?.status !== "stored" || !row.judgment_id || !row.prompt_id) return null;
    return { judgmentId: row.judgment_id, assignmentId: submission.assignmentId, promptId: row.prompt_id, outcome: ranked.outcome };
  } catch (error) {
    // A conflict (a deadlock, the same prompt judged through another lease): the full path runs again and names it.
    if (isRetryableQueueError(error)) return null;
    throw error;
  }
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
  // The prompt's gold flag comes with the lease: only gold prompts need the gold standing rechecked.
  const [lease] = await tx.$queryRaw<{ id: string; prompt_id: string; prompt_set_id: string; status: string; expires_at: Date; is_gold: boolean }[]>`
    SELECT a.id, a.prompt_id, a.prompt_set_id, a.status::text, a.expires_at, p.gold IS NOT NULL AS is_gold
    FROM assignments a JOIN prompts p ON p.id = a.prompt_id
    WHERE a.id = ${submission.assignmentId}::uuid AND a.annotator_id = ${actor.id}::uuid
    FOR UPDATE OF a`;
  if (!lease) throw new AppError("NOT_FOUND", { key: "annotation.noSuchAssignment" });

  const replay = await findByKey(tx, actor, submission.idempotencyKey);
  if (replay) return replay;

  const set = await tx.promptSet.findFirst({
    where: { id: lease.prompt_set_id, members: { some: { userId: actor.id } } },
    select: {
      judgingMode: true,
      rationaleMode: true,
      flagsEnabled: true,
      editsEnabled: true,
      overlap: true,
      overlapMax: true,
      adaptiveMinAgreement: true,
      judgeSuggestions: true,
      goldMinItems: true,
      goldMinAccuracy: true,
      goldPause: true,
    },
  });
  if (!set) throw new AppError("FORBIDDEN", { key: "annotation.noLongerMember" });

  if (lease.status === "SUBMITTED") throw new AppError("CONFLICT", { key: "annotation.submittedElsewhere" });
  if (lease.status === "SKIPPED" || lease.status === "RELEASED") throw new AppError("CONFLICT", { key: "annotation.skippedOrReleased" });
  if (lease.status === "EXPIRED") await takeLateSlot(tx, actor, lease.prompt_id, set.overlap);

  const ranked = rankVerdictOrThrow(set.judgingMode, submission.shown, submission.verdict);
  const candidates = await tx.candidate.findMany({ where: { promptId: lease.prompt_id, source: { not: "HUMAN_REWRITE" } }, select: { id: true } });
  const known = new Set(candidates.map((candidate) => candidate.id));
  if (submission.shown.some((id) => !known.has(id))) {
    throw new AppError("BAD_REQUEST", { key: "annotation.shownNotThisPrompt" }, { shown: { key: "field.notThisPromptsCandidates" } });
  }

  const rationale = submission.rationale || null;
  if (set.rationaleMode === "REQUIRED" && !rationale) throw new AppError("BAD_REQUEST", { key: "annotation.rationaleRequired" }, { rationale: { key: "field.required" } });
  if (set.rationaleMode === "OFF" && rationale) throw new AppError("BAD_REQUEST", { key: "annotation.rationaleOff" }, { rationale: { key: "field.notAskedFor" } });
  if (!set.flagsEnabled && submission.flags.length) throw new AppError("BAD_REQUEST", { key: "annotation.flagsOff" }, { flags: { key: "field.notAskedFor" } });
  if (submission.rewrite && !set.editsEnabled) throw new AppError("BAD_REQUEST", { key: "annotation.rewritesOff" }, { rewrite: { key: "field.notAskedFor" } });
  if (submission.rewrite && !submission.shown.includes(submission.rewrite.parentCandidateId)) {
    throw new AppError("BAD_REQUEST", { key: "annotation.rewriteParentNotShown" }, { "rewrite.parentCandidateId": { key: "field.notShown" } });
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
      // What the annotator could see of a model judge's verdict, so that anchoring can be measured.
      judgeSuggestions: set.judgeSuggestions,
      candidates: { create: ranked.candidates },
    },
    select: { id: true },
  });
  // An active lease's slot becomes the judgment's: open_slots stays as it is (a late one took its slot above).
  await tx.assignment.update({ where: { id: lease.id }, data: { status: "SUBMITTED", closedAt: new Date() } });
  if (set.overlapMax !== null && set.adaptiveMinAgreement !== null) {
    await raiseTargetIfSplit(tx, lease.prompt_id, { overlap: set.overlap, overlapMax: set.overlapMax, minAgreement: set.adaptiveMinAgreement });
  }
  // Gold prompts: the annotator's gold standing, and a pause when it crosses the set's threshold (same transaction).
  if (lease.is_gold) await checkGoldAfterJudgment(tx, { promptSetId: lease.prompt_set_id, annotatorId: actor.id, settings: set });
  await recordAudit(tx, {
    actor,
    action: "judgment.submit",
    entityType: "judgment",
    entityId: judgment.id,
    data: { promptId: lease.prompt_id, assignmentId: lease.id, outcome: ranked.outcome, late: lease.status === "EXPIRED", ...(rewrite ? { rewriteCandidateId: rewrite.id } : {}) },
  });
  const suggestion = set.judgeSuggestions === "AFTER_SUBMIT" ? await judgeSuggestionFor(tx, lease.prompt_id, submission.shown) : null;
  return { judgmentId: judgment.id, assignmentId: lease.id, promptId: lease.prompt_id, outcome: ranked.outcome, ...(suggestion ? { judgeSuggestion: suggestion } : {}) };
}

/**
 * A late submission (the browser was offline past the lease) is kept when the prompt still has a slot for
 * it; it never pushes the prompt past its target. Under the prompt's lock: other annotators' lapsed leases
 * are expired (their slots come back), the actor's own newer lease on the prompt, if any, is released (the
 * judgment replaces it), then the judgment takes one open slot. Gold prompts have no slots to run out of.
 */
async function takeLateSlot(tx: Tx, actor: Actor, promptId: string, overlap: number): Promise<void> {
  const [prompt] = await tx.$queryRaw<{ is_gold: boolean }[]>`SELECT gold IS NOT NULL AS is_gold FROM prompts WHERE id = ${promptId}::uuid FOR UPDATE`;
  if (!prompt || prompt.is_gold) return;
  const freed = await tx.$executeRaw`
    UPDATE assignments a SET status = CASE WHEN ${leaseLapsed("a")} THEN 'EXPIRED'::assignment_status ELSE 'RELEASED'::assignment_status END, closed_at = now()
    WHERE a.prompt_id = ${promptId}::uuid AND a.status = 'ACTIVE' AND (a.expires_at <= now() OR a.annotator_id = ${actor.id}::uuid)`;
  const [slots] = await tx.$queryRaw<{ open: number }[]>`
    UPDATE prompts SET open_slots = coalesce(open_slots, ${overlap}::int + extra_slots) + ${freed}::int WHERE id = ${promptId}::uuid RETURNING open_slots AS open`;
  if ((slots?.open ?? 0) <= 0) {
    throw new AppError("CONFLICT", { key: "annotation.leaseExpiredFilled" });
  }
  await tx.$executeRaw`UPDATE prompts SET open_slots = open_slots - 1 WHERE id = ${promptId}::uuid`;
}

/**
 * Adaptive overlap: once all of a prompt's slots hold judgments, and the share of them agreeing with the
 * majority verdict is below the set's threshold, the prompt opens one more slot, up to `overlapMax`.
 * Under the prompt's lock, so that of two last judgments submitted at once the second sees the first. NO KEY
 * UPDATE: the judgment just inserted holds KEY SHARE on the prompt (its foreign key), which FOR UPDATE would
 * wait for in the other submitter, and the other for ours: a deadlock.
 */
async function raiseTargetIfSplit(tx: Tx, promptId: string, { overlap, overlapMax, minAgreement }: { overlap: number; overlapMax: number; minAgreement: number }): Promise<void> {
  const [prompt] = await tx.$queryRaw<{ extra_slots: number; is_gold: boolean; open_slots: number | null }[]>`
    SELECT extra_slots, gold IS NOT NULL AS is_gold, open_slots FROM prompts WHERE id = ${promptId}::uuid FOR NO KEY UPDATE`;
  if (!prompt || prompt.is_gold || overlap + prompt.extra_slots >= overlapMax) return;
  const rows = await tx.$queryRaw<{ judgment_id: string; candidate_id: string; rank: number | null }[]>`
    SELECT j.id AS judgment_id, jc.candidate_id, jc.rank FROM judgments j JOIN judgment_candidates jc ON jc.judgment_id = j.id
    WHERE j.prompt_id = ${promptId}::uuid AND ${countsTowardOverlap("j")}`;
  const byJudgment = new Map<string, { candidateId: string; rank: number | null }[]>();
  for (const row of rows) byJudgment.set(row.judgment_id, [...(byJudgment.get(row.judgment_id) ?? []), { candidateId: row.candidate_id, rank: row.rank }]);
  if (byJudgment.size < overlap + prompt.extra_slots) return;
  const agreement = majorityAgreement([...byJudgment.values()].map(verdictKey));
  if (agreement === null || agreement >= minAgreement) return;
  await tx.$executeRaw`UPDATE prompts SET extra_slots = extra_slots + 1, open_slots = open_slots + 1 WHERE id = ${promptId}::uuid`;
}
