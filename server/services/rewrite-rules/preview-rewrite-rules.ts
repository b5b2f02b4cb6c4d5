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
  /** Of the changed ones, how many already have this derived text (an earlier Apply made it; applying again creates nothing for them). */
  alreadyDerived: number;
  /** `exists`: the derived candidate is already in the set. */
  examples: { candidateId: string; before: string; after: string; ruleIds: string[]; exists: boolean }[];
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
  const changed = sample.flatMap((candidate) => {
    const { text, changedBy } = applyRules(candidate.content, rules);
    return text === candidate.content ? [] : [{ candidate, text, changedBy }];
  });
  // What Apply would find already there: the same (parent, text) pair its unique index refuses a second time.
  const derived = changed.length === 0 ? [] : await db.candidate.findMany({ where: { parentId: { in: changed.map((c) => c.candidate.id) }, source: "RULE_DERIVED" }, select: { parentId: true, content: true } });
  const existing = new Set(derived.map((row) => `${row.parentId}\u0000${row.content}`));
  const exists = (id: string, text: string) => existing.has(`${id}\u0000${text}`);
  const preview: RewritePreview = { examined: sample.length, changed: changed.length, alreadyDerived: changed.filter((c) => exists(c.candidate.id, c.text)).length, examples: [] };
  for (const { candidate, text, changedBy } of changed.slice(0, maxExamples)) {
    preview.examples.push({ candidateId: candidate.id, before: candidate.content, after: text, ruleIds: changedBy.map((index) => rules[index]!.id), exists: exists(candidate.id, text) });
  }
  return preview;
}
