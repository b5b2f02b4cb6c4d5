import "server-only";
import { setMembersSchema } from "@/lib/schemas/prompt-set";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import { lockPromptSet } from "./internal/find-prompt-set";

/** Replaces the set's annotators with exactly `userIds`; each must be an active annotator (or admin). */
export async function setPromptSetMembers({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<{ added: number; removed: number }> {
  requirePermission(actor, canManagePromptSets, "choose a prompt set's annotators");
  const { userIds } = parseOrThrow(setMembersSchema, input);
  const wanted = [...new Set(userIds)];
  return getDb().$transaction(async (tx) => {
    await lockPromptSet(tx, promptSetId);
    const eligible = await tx.user.findMany({ where: { id: { in: wanted }, disabledAt: null, role: { in: ["ANNOTATOR", "ADMIN"] } }, select: { id: true } });
    if (eligible.length !== wanted.length) {
      const found = new Set(eligible.map((user) => user.id));
      const missing = wanted.filter((id) => !found.has(id));
      throw new AppError("BAD_REQUEST", { key: "promptSets.notEligibleMembers", params: { userIds: missing.join(", ") } }, { userIds: "not an active annotator" });
    }
    const removed = await tx.promptSetMember.deleteMany({ where: { promptSetId, userId: { notIn: wanted } } });
    const added = await tx.promptSetMember.createMany({ data: wanted.map((userId) => ({ promptSetId, userId })), skipDuplicates: true });
    await recordAudit(tx, { actor, action: "prompt_set.members", entityType: "prompt_set", entityId: promptSetId, data: { members: wanted } });
    return { added: added.count, removed: removed.count };
  });
}
