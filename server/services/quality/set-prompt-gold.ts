import "server-only";
import { z } from "zod";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { goldRanks, goldSchema, type Gold } from "@/lib/quality/gold";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { invalidField, parseOrThrow, requireId } from "../parse";

export const setPromptGoldSchema = z.object({ gold: goldSchema.nullable() });

/**
 * Marks a prompt as gold with its expected verdict (`{ gold: { shown, verdict } }`), or unmarks it
 * (`{ gold: null }`). Admins only. The verdict must fit the set's judging mode and name the prompt's own
 * candidates (not human rewrites).
 */
export async function setPromptGold({ actor, promptId, input }: { actor: Actor; promptId: string; input: unknown }): Promise<{ promptId: string; gold: Gold | null }> {
  requirePermission(actor, canManagePromptSets, "mark gold prompts");
  requireId(promptId, "prompt");
  const { gold } = parseOrThrow(setPromptGoldSchema, input);
  return getDb().$transaction(async (tx) => {
    const prompt = await tx.prompt.findUnique({
      where: { id: promptId },
      select: { id: true, promptSetId: true, gold: true, promptSet: { select: { judgingMode: true, archivedAt: true, name: true } }, candidates: { where: { source: { not: "HUMAN_REWRITE" } }, select: { id: true } } },
    });
    if (!prompt) throw new AppError("NOT_FOUND", { key: "notFound.prompt" });
    if (prompt.promptSet.archivedAt) throw new AppError("CONFLICT", { key: "promptSets.archived", params: { name: prompt.promptSet.name } });
    if (gold) {
      const own = new Set(prompt.candidates.map((candidate) => candidate.id));
      const stranger = gold.shown.find((id) => !own.has(id));
      if (stranger) throw invalidField("gold.shown", { key: "field.candidateNotOfPrompt", params: { id: stranger } });
      const ranks = goldRanks(prompt.promptSet.judgingMode, gold);
      if (!(ranks instanceof Map)) throw new AppError("BAD_REQUEST", ranks.reason, { [ranks.field]: ranks.problem });
    }
    await tx.prompt.update({ where: { id: promptId }, data: { gold: gold ?? Prisma.DbNull } });
    await recordAudit(tx, { actor, action: gold ? "prompt.gold.set" : "prompt.gold.clear", entityType: "prompt", entityId: promptId, data: { promptSetId: prompt.promptSetId, before: prompt.gold ?? null, gold: gold ?? null } });
    return { promptId, gold };
  });
}
