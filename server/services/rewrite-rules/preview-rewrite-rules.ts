import "server-only";
import { applyRules } from "@/lib/rewrite";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { requireId } from "../parse";
import { compileSetRules, RULE_SOURCES } from "./internal/compile-set-rules";

export type RewritePreview = {
  /** Candidates looked at (a sample of the set, in order). */
  examined: number;
  changed: number;
  examples: { candidateId: string; before: string; after: string; ruleIds: string[] }[];
};

/** What the enabled rules would do on a sample of the set's candidates; nothing is written. */
export async function previewRewriteRules({ actor, promptSetId, sampleSize = 500, maxExamples = 5 }: { actor: Actor; promptSetId: string; sampleSize?: number; maxExamples?: number }): Promise<RewritePreview> {
  requirePermission(actor, canManagePromptSets, "preview rewrite rules");
  requireId(promptSetId, "prompt set");
  const db = getDb();
  const rules = await compileSetRules(db, promptSetId);
  const sample = await db.candidate.findMany({
    where: { prompt: { promptSetId }, source: { in: [...RULE_SOURCES] } },
    orderBy: { id: "asc" },
    take: sampleSize,
    select: { id: true, content: true },
  });
  const preview: RewritePreview = { examined: sample.length, changed: 0, examples: [] };
  for (const candidate of sample) {
    const { text, changedBy } = applyRules(candidate.content, rules);
    if (text === candidate.content) continue;
    preview.changed += 1;
    if (preview.examples.length < maxExamples) {
      preview.examples.push({ candidateId: candidate.id, before: candidate.content, after: text, ruleIds: changedBy.map((index) => rules[index]!.id) });
    }
  }
  return preview;
}
