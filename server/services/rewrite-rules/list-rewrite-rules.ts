import "server-only";
import { requirePermission } from "../../auth/require";
import { canViewPromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { requireId } from "../parse";

export type RewriteRuleRow = {
  id: string;
  pattern: string;
  replacement: string;
  isRegex: boolean;
  wholeWord: boolean;
  caseSensitive: boolean;
  enabled: boolean;
  position: number;
  derivedCount: number;
};

export async function listRewriteRules({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<RewriteRuleRow[]> {
  requirePermission(actor, canViewPromptSets, "see prompt sets");
  requireId(promptSetId, "prompt set");
  const rules = await getDb().rewriteRule.findMany({
    where: { promptSetId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    include: { _count: { select: { candidates: true } } },
  });
  return rules.map(({ _count, promptSetId: _set, createdAt: _created, ...rule }) => ({ ...rule, derivedCount: _count.candidates }));
}
