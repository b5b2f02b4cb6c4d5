import "server-only";
import { updatePromptSetSchema } from "@/lib/schemas/prompt-set";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import { lockPromptSet } from "./internal/find-prompt-set";

/** Edits settings, or archives (`archived: true`) and restores a set. An archived set can only be restored. */
export async function updatePromptSet({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<{ id: string; name: string; archivedAt: Date | null }> {
  requirePermission(actor, canManagePromptSets, "change prompt sets");
  const { archived, ...change } = parseOrThrow(updatePromptSetSchema, input);
  try {
    return await getDb().$transaction(async (tx) => {
      const current = await lockPromptSet(tx, promptSetId, { allowArchived: true });
      const isEditing = Object.values(change).some((value) => value !== undefined);
      if (current.archivedAt && archived !== false && isEditing) {
        throw new AppError("CONFLICT", { key: "promptSets.archived", params: { name: current.name } });
      }
      const updated = await tx.promptSet.update({
        where: { id: promptSetId },
        data: { ...change, ...(archived !== undefined ? { archivedAt: archived ? (current.archivedAt ?? new Date()) : null } : {}) },
        select: { id: true, name: true, archivedAt: true },
      });
      const action = archived === true ? "prompt_set.archive" : archived === false ? "prompt_set.restore" : "prompt_set.update";
      await recordAudit(tx, { actor, action, entityType: "prompt_set", entityId: promptSetId, data: { ...change } });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", { key: "promptSets.nameTaken", params: { name: change.name ?? "" } }, { name: { key: "field.alreadyInUse" } });
    throw error;
  }
}
