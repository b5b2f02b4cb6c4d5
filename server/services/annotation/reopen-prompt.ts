import "server-only";
import { fieldMessage as m } from "@/lib/schemas/field-message";
import { z } from "zod";
import { requirePermission } from "../../auth/require";
import { canSettleJudgments } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, type Prisma } from "../../db/client";
import type { JudgmentSource } from "@/lib/vocabulary";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { annotationTransaction } from "./internal/transaction-options";

const reopenSchema = z.object({ reason: z.string().trim().min(1, m("field.sayWhyReopened")).max(1000, m("field.mustBeAtMostChars", { max: 1000 })) });

/**
 * Sends a prompt back to the queue: its annotators' judgments and any adjudication are removed, so it
 * collects a fresh set of `overlap` judgments, and any annotator may judge it again. Labels imported
 * with the file stay: they are the file's, not a verdict of this set's annotators. What was removed is
 * kept in full in the audit entry.
 */
export async function reopenPrompt({ actor, promptId, input }: { actor: Actor; promptId: string; input: unknown }): Promise<{ promptId: string; removedJudgments: number }> {
  requirePermission(actor, canSettleJudgments, "reopen prompts");
  requireId(promptId, "prompt");
  const { reason } = parseOrThrow(reopenSchema, input);
  return getDb().$transaction(async (tx) => {
    const [prompt] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM prompts WHERE id = ${promptId}::uuid FOR UPDATE`;
    if (!prompt) throw new AppError("NOT_FOUND", { key: "annotation.noSuchPrompt" });
    const reopened = { promptId, source: { in: ["HUMAN", "ADJUDICATION"] as JudgmentSource[] } };
    const judgments = await tx.judgment.findMany({
      where: reopened,
      select: { id: true, annotatorId: true, outcome: true, rationale: true, flags: true, source: true, rewriteCandidateId: true, createdAt: true, candidates: { select: { candidateId: true, position: true, rank: true } } },
    });
    await tx.judgment.deleteMany({ where: reopened });
    // A fresh set of `overlap` slots (adaptive overlap starts again from the set's overlap), less the
    // leases in progress.
    await tx.$executeRaw`
      UPDATE prompts p SET extra_slots = 0,
        open_slots = s.overlap - (SELECT count(*) FROM assignments a WHERE a.prompt_id = p.id AND a.status = 'ACTIVE')::int
      FROM prompt_sets s WHERE s.id = p.prompt_set_id AND p.id = ${promptId}::uuid`;
    // Skips are forgotten too, so everyone may be offered the prompt again.
    await tx.assignment.updateMany({ where: { promptId, status: "SKIPPED" }, data: { status: "RELEASED" } });
    await recordAudit(tx, {
      actor,
      action: "prompt.reopen",
      entityType: "prompt",
      entityId: promptId,
      data: { reason, removed: judgments.map((j) => ({ ...j, createdAt: j.createdAt.toISOString() })) as unknown as Prisma.InputJsonArray },
    });
    return { promptId, removedJudgments: judgments.length };
  }, annotationTransaction);
}
