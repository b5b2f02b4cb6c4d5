import "server-only";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { requireId } from "../parse";

/** Lets a member paused for low gold accuracy claim again (admins). Their gold record stays as it is. */
export async function unpauseMember({ actor, promptSetId, userId }: { actor: Actor; promptSetId: string; userId: string }): Promise<{ promptSetId: string; userId: string; pausedAt: null }> {
  requirePermission(actor, canManagePromptSets, "unpause annotators");
  requireId(promptSetId, "prompt set");
  requireId(userId, "member");
  return getDb().$transaction(async (tx) => {
    const member = await tx.promptSetMember.findUnique({ where: { promptSetId_userId: { promptSetId, userId } }, select: { pausedAt: true, pausedWhy: true } });
    if (!member) throw new AppError("NOT_FOUND", { key: "notFound.member" });
    if (!member.pausedAt) throw new AppError("CONFLICT", { key: "quality.notPaused" });
    await tx.promptSetMember.update({ where: { promptSetId_userId: { promptSetId, userId } }, data: { pausedAt: null, pausedWhy: null, pausedReason: Prisma.DbNull } });
    await recordAudit(tx, { actor, action: "prompt_set.member.unpause", entityType: "prompt_set", entityId: promptSetId, data: { userId, pausedAt: member.pausedAt.toISOString(), pausedWhy: member.pausedWhy } });
    return { promptSetId, userId, pausedAt: null };
  });
}
