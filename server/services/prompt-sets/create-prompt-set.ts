import "server-only";
import { createPromptSetSchema } from "@/lib/schemas/prompt-set";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";

export async function createPromptSet({ actor, input }: { actor: Actor; input: unknown }): Promise<{ id: string; name: string }> {
  requirePermission(actor, canManagePromptSets, "create prompt sets");
  const data = parseOrThrow(createPromptSetSchema, input);
  try {
    return await getDb().$transaction(async (tx) => {
      const created = await tx.promptSet.create({
        data: { ...data, createdById: actor.isSystem ? null : actor.id },
        select: { id: true, name: true },
      });
      await recordAudit(tx, { actor, action: "prompt_set.create", entityType: "prompt_set", entityId: created.id, data: { name: created.name } });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", { key: "promptSets.nameTaken", params: { name: data.name } }, { name: { key: "field.alreadyInUse" } });
    throw error;
  }
}
