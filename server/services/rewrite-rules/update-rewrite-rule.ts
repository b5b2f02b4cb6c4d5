import "server-only";
import { z } from "zod";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { lockPromptSet } from "../prompt-sets/internal/find-prompt-set";

const changeSchema = z.object({ enabled: z.boolean().optional(), remove: z.boolean().optional() });

/**
 * Turns a rule on or off, or removes it (`remove: true`). Candidates it derived stay (their
 * rewrite_rule_id becomes null on removal): they may already be judged.
 */
export async function updateRewriteRule({ actor, ruleId, input }: { actor: Actor; ruleId: string; input: unknown }): Promise<void> {
  requirePermission(actor, canManagePromptSets, "change rewrite rules");
  requireId(ruleId, "rewrite rule");
  const change = parseOrThrow(changeSchema, input);
  await getDb().$transaction(async (tx) => {
    const rule = await tx.rewriteRule.findUnique({ where: { id: ruleId }, select: { promptSetId: true } });
    if (!rule) throw new AppError("NOT_FOUND", { key: "rewriteRules.noSuchRule" });
    await lockPromptSet(tx, rule.promptSetId);
    if (change.remove) await tx.rewriteRule.delete({ where: { id: ruleId } });
    else if (change.enabled !== undefined) await tx.rewriteRule.update({ where: { id: ruleId }, data: { enabled: change.enabled } });
    await recordAudit(tx, { actor, action: change.remove ? "rewrite_rule.delete" : "rewrite_rule.update", entityType: "rewrite_rule", entityId: ruleId, data: { ...change, promptSetId: rule.promptSetId } });
  });
}
