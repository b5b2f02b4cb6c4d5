import "server-only";
import { compileRule } from "@/lib/rewrite";
import { rewriteRuleSchema } from "@/lib/schemas/prompt-set";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import { lockPromptSet } from "../prompt-sets/internal/find-prompt-set";

/** Adds a rule at the end of the set's order; an invalid regular expression is refused with the reason. */
export async function createRewriteRule({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<{ id: string }> {
  requirePermission(actor, canManagePromptSets, "write rewrite rules");
  const data = parseOrThrow(rewriteRuleSchema, input);
  const compiled = compileRule(data);
  if (!compiled.ok) throw new AppError("BAD_REQUEST", { key: "rewriteRules.badPattern", params: { problem: compiled.message } }, { pattern: compiled.message });
  return getDb().$transaction(async (tx) => {
    await lockPromptSet(tx, promptSetId);
    const last = await tx.rewriteRule.aggregate({ where: { promptSetId }, _max: { position: true } });
    const rule = await tx.rewriteRule.create({ data: { ...data, promptSetId, position: (last._max.position ?? -1) + 1 }, select: { id: true } });
    await recordAudit(tx, { actor, action: "rewrite_rule.create", entityType: "rewrite_rule", entityId: rule.id, data: { promptSetId, ...data } });
    return rule;
  });
}
