import "server-only";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { lockPromptSet } from "./internal/find-prompt-set";

/**
 * Deletes a set with its prompts, candidates and runs. A set that holds judgments is refused: people's
 * work (and the exports built from it) must not vanish by one click; archive it instead.
 */
export async function deletePromptSet({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<void> {
  requirePermission(actor, canManagePromptSets, "delete prompt sets");
  await getDb().$transaction(async (tx) => {
    const current = await lockPromptSet(tx, promptSetId, { allowArchived: true });
    const judgments = await tx.judgment.count({ where: { promptSetId } });
    if (judgments > 0) {
      throw new AppError("CONFLICT", { key: "promptSets.holdsJudgments", params: { name: current.name, judgments } });
    }
    await tx.promptSet.delete({ where: { id: promptSetId } });
    await recordAudit(tx, { actor, action: "prompt_set.delete", entityType: "prompt_set", entityId: promptSetId, data: { name: current.name } });
  });
}
