import "server-only";
import { passwordSchema } from "@/lib/schemas/user";
import { generatePassword, hashPassword } from "../../auth/password";
import { requirePermission } from "../../auth/require";
import { canManageUsers } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";

/** Sets a new password (generated unless given), returned once; the user's open sessions end. */
export async function resetUserPassword({ actor, userId, password }: { actor: Actor; userId: string; password?: unknown }): Promise<{ password: string }> {
  requirePermission(actor, canManageUsers, "reset passwords");
  requireId(userId, "user");
  const newPassword = password === undefined ? generatePassword() : parseOrThrow(passwordSchema, password);
  const passwordHash = await hashPassword(newPassword);
  await getDb().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "No such user.");
    await recordAudit(tx, { actor, action: "user.reset-password", entityType: "user", entityId: userId });
  });
  return { password: newPassword };
}
