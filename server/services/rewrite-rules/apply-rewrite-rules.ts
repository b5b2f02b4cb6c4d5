import "server-only";
import { applyRules } from "@/lib/rewrite";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { lockPromptSet } from "../prompt-sets/internal/find-prompt-set";
import { scoreNewCandidates } from "../verifiers/score-candidates";
import { compileSetRules, RULE_SOURCES } from "./internal/compile-set-rules";

export type RewriteApplication = { examined: number; changed: number; created: number; alreadyDerived: number };

const BATCH = 2000;

/**
 * Derives a RULE_DERIVED candidate from every source candidate the enabled rules change (all rules
 * in order, one derived text per source), linked by parent_id and by the first rule that changed it.
 * Idempotent: a unique index on (parent, text) makes a second application create nothing. A candidate
 * the rules leave as it is gets nothing (identical pairs teach a model nothing).
 */
export async function applyRewriteRules({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<RewriteApplication> {
  requirePermission(actor, canManagePromptSets, "apply rewrite rules");
  const application = await getDb().$transaction(
    async (tx) => {
      await lockPromptSet(tx, promptSetId);
      const rules = await compileSetRules(tx, promptSetId);
      if (rules.length === 0) throw new AppError("BAD_REQUEST", { key: "rewriteRules.noneEnabled" });
      const result: RewriteApplication = { examined: 0, changed: 0, created: 0, alreadyDerived: 0 };
      let after: string | undefined;
      for (;;) {
        const batch = await tx.candidate.findMany({
          where: { prompt: { promptSetId }, source: { in: [...RULE_SOURCES] }, ...(after ? { id: { gt: after } } : {}) },
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true, promptId: true, content: true },
        });
        if (batch.length === 0) break;
        after = batch.at(-1)!.id;
        result.examined += batch.length;
        const rows = { promptIds: [] as string[], contents: [] as string[], parentIds: [] as string[], ruleIds: [] as string[], params: [] as string[] };
        for (const candidate of batch) {
          const { text, changedBy } = applyRules(candidate.content, rules);
          if (text === candidate.content) continue;
          const ruleIds = changedBy.map((index) => rules[index]!.id);
          rows.promptIds.push(candidate.promptId);
          rows.contents.push(text);
          rows.parentIds.push(candidate.id);
          rows.ruleIds.push(ruleIds[0]!);
          rows.params.push(JSON.stringify({ rewriteRuleIds: ruleIds }));
        }
        result.changed += rows.contents.length;
        if (rows.contents.length === 0) continue;
        const created = await tx.$executeRaw`
          INSERT INTO candidates (prompt_id, content, source, parent_id, rewrite_rule_id, params)
          SELECT prompt_id, content, 'RULE_DERIVED', parent_id, rule_id, params::jsonb
          FROM unnest(${rows.promptIds}::uuid[], ${rows.contents}::text[], ${rows.parentIds}::uuid[], ${rows.ruleIds}::uuid[], ${rows.params}::text[])
            AS t(prompt_id, content, parent_id, rule_id, params)
          ON CONFLICT DO NOTHING`;
        result.created += created;
        result.alreadyDerived += rows.contents.length - created;
      }
      await recordAudit(tx, { actor, action: "rewrite_rule.apply", entityType: "prompt_set", entityId: promptSetId, data: { ...result, rules: rules.map((rule) => rule.id) } });
      return result;
    },
    // A large set takes longer than Prisma's 5 s default for an interactive transaction.
    { timeout: 10 * 60_000, maxWait: 30_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
  // Derived candidates are scored like any other, once they are committed.
  if (application.created > 0) await scoreNewCandidates({ promptSetId, onlyUnscored: true });
  return application;
}
