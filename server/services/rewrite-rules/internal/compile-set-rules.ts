import "server-only";
import { compileRule, type CompiledRule } from "@/lib/rewrite";
import type { Db, Tx } from "../../../db/client";
import { AppError } from "../../../errors";

export type SetRule = CompiledRule & { id: string };

/** The set's enabled rules in their order, compiled; a rule stored before a check existed is named if it no longer compiles. */
export async function compileSetRules(db: Tx | Db, promptSetId: string): Promise<SetRule[]> {
  const rules = await db.rewriteRule.findMany({ where: { promptSetId, enabled: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  return rules.map((rule) => {
    const result = compileRule(rule);
    if (!result.ok) throw new AppError("BAD_REQUEST", { key: "rewriteRules.invalidRule", params: { pattern: rule.pattern, replacement: rule.replacement, problem: result.message } });
    return { ...result.rule, id: rule.id };
  });
}

/** Candidates rules apply to: model output, imported answers and samples, never another derived one. */
export const RULE_SOURCES = ["GENERATED", "IMPORTED", "SAMPLE"] as const;
