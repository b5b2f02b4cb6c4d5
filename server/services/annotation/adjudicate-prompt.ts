import "server-only";
import { fieldMessage as m } from "@/lib/schemas/field-message";
import { z } from "zod";
import { verdictSchema } from "@/lib/annotation/submission";
import { requirePermission } from "../../auth/require";
import { canSettleJudgments } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { rankVerdictOrThrow } from "./internal/rank-verdict";
import { annotationTransaction } from "./internal/transaction-options";

const adjudicateSchema = z.object({
  /** The candidates being decided between, in the order the admin saw them. */
  shown: z.array(z.string().uuid(m("field.mustBeId"))).min(2, m("field.settleTwo")),
  verdict: verdictSchema,
  rationale: z.string().trim().min(1, m("field.sayWhy")).max(10_000, m("field.mustBeAtMostChars", { max: 10_000 })),
});

/**
 * Settles a disagreement: the admin's own verdict, stored as an adjudication judgment
 * (source ADJUDICATION) that exports can prefer over the annotators'. Settling again replaces the
 * admin's earlier settlement. Audited.
 */
export async function adjudicatePrompt({ actor, promptId, input }: { actor: Actor; promptId: string; input: unknown }): Promise<{ judgmentId: string }> {
  requirePermission(actor, canSettleJudgments, "settle disagreements");
  requireId(promptId, "prompt");
  const { shown, verdict, rationale } = parseOrThrow(adjudicateSchema, input);
  return getDb().$transaction(async (tx) => {
    const prompt = await tx.prompt.findUnique({
      where: { id: promptId },
      select: { promptSetId: true, promptSet: { select: { judgingMode: true } }, candidates: { where: { source: { not: "HUMAN_REWRITE" } }, select: { id: true } } },
    });
    if (!prompt) throw new AppError("NOT_FOUND", { key: "annotation.noSuchPrompt" });
    // The set's judging mode decides the verdict's kind, as for annotators: a ranking settlement in a
    // pairwise set would be a judgment no export of that set can read.
    const ranked = rankVerdictOrThrow(prompt.promptSet.judgingMode, shown, verdict);
    const known = new Set(prompt.candidates.map((c) => c.id));
    if (shown.some((id) => !known.has(id))) throw new AppError("BAD_REQUEST", { key: "annotation.shownNotThisPrompt" }, { shown: { key: "field.notThisPromptsCandidates" } });
    const judgedAsAnnotator = await tx.judgment.findFirst({ where: { promptId, annotatorId: actor.id, source: "HUMAN" }, select: { id: true } });
    if (judgedAsAnnotator) throw new AppError("CONFLICT", { key: "annotation.judgedAsAnnotator" });
    const own = await tx.judgment.findFirst({ where: { promptId, annotatorId: actor.id, source: "ADJUDICATION" }, select: { id: true } });
    if (own) await tx.judgment.delete({ where: { id: own.id } });
    const judgment = await tx.judgment.create({
      data: {
        promptId,
        promptSetId: prompt.promptSetId,
        annotatorId: actor.id,
        idempotencyKey: `adjudication:${promptId}:${crypto.randomUUID()}`,
        mode: prompt.promptSet.judgingMode,
        outcome: ranked.outcome,
        rationale,
        source: "ADJUDICATION",
        candidates: { create: ranked.candidates },
      },
      select: { id: true },
    });
    await recordAudit(tx, { actor, action: "judgment.adjudicate", entityType: "prompt", entityId: promptId, data: { judgmentId: judgment.id, replaced: own?.id ?? null, outcome: ranked.outcome, rationale } });
    return { judgmentId: judgment.id };
  }, annotationTransaction);
}
