import "server-only";
import { passwordSchema } from "@/lib/schemas/user";
import { generatePassword, hashPassword } from "../../auth/password";
import { assertStrongPassword } from "../../auth/password-policy";
import { requirePermission } from "../../auth/require";
import { canManageUsers } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";

/** Sets a new password (generated unless given), returned once; the user's open sessions and sign-in lock end. */
export async function resetUserPassword({ actor, userId, password }: { actor: Actor; userId: string; password?: unknown }): Promise<{ password: string }> {
  requirePermission(actor, canManageUsers, "reset passwords");
  requireId(userId, "user");
  const newPassword = password === undefined ? generatePassword() : parseOrThrow(passwordSchema, password);
  if (password !== undefined) {
    const account = await getDb().user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
    if (!account) throw new AppError("NOT_FOUND", { key: "notFound.user" });
    assertStrongPassword(newPassword, [account.email, account.name]);
  }
  const passwordHash = await hashPassword(newPassword);
  await getDb().$transaction(async (tx) => {
    const [user] = await tx.user.updateManyAndReturn({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { email: true } });
    if (!user) throw new AppError("NOT_FOUND", { key: "notFound.user" });
    // The account's sign-in lock (failed attempts counted per email) ends with the new password.
    await tx.authFailure.deleteMany({ where: { email: user.email } });
    await recordAudit(tx, { actor, action: "user.reset-password", entityType: "user", entityId: userId });
  });
  return { password: newPassword };
}
