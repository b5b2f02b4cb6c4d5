import "server-only";
import { judgeSuggestionsSchema } from "@/lib/judges/schemas";
import type { JudgeSuggestionMode } from "@/lib/vocabulary";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { lockPromptSet } from "../prompt-sets/internal/find-prompt-set";

/** Whether annotators of a set see a model judge's verdict: hidden (default), after they submit, or before. */
export async function updateJudgeSuggestions({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<{ judgeSuggestions: JudgeSuggestionMode }> {
  requirePermission(actor, canManagePromptSets, "configure judge suggestions");
  requireId(promptSetId, "prompt set");
  const { judgeSuggestions } = parseOrThrow(judgeSuggestionsSchema, input);
  return getDb().$transaction(async (tx) => {
    await lockPromptSet(tx, promptSetId);
    await tx.promptSet.update({ where: { id: promptSetId }, data: { judgeSuggestions } });
    await recordAudit(tx, { actor, action: "judge.suggestions", entityType: "prompt_set", entityId: promptSetId, data: { judgeSuggestions } });
    return { judgeSuggestions };
  });
}
