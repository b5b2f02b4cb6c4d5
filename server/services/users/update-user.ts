import "server-only";
import { updateUserSchema } from "@/lib/schemas/user";
import { requirePermission } from "../../auth/require";
import { canManageUsers } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { publicUserSelect, type PublicUser } from "./internal/public-user";

/**
 * Changes a user's role, name or status. Disabling (or a role change) bumps the session version, so the
 * user's open sessions end on their next request rather than when their token expires; disabling also
 * revokes their API tokens for good.
 */
export async function updateUser({ actor, userId, input }: { actor: Actor; userId: string; input: unknown }): Promise<PublicUser> {
  requirePermission(actor, canManageUsers, "change users");
  requireId(userId, "user");
  const change = parseOrThrow(updateUserSchema, input);
  if (userId === actor.id && (change.disabled === true || (change.role && change.role !== "ADMIN"))) {
    throw new AppError("BAD_REQUEST", { key: "users.notYourself" });
  }
  return getDb().$transaction(async (tx) => {
    // Row lock: two admins demoting each other at once must not leave no admin.
    const [current] = await tx.$queryRaw<{ role: string; disabled_at: Date | null }[]>`
      SELECT role::text, disabled_at FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    if (!current) throw new AppError("NOT_FOUND", { key: "notFound.user" });
    const losesAdmin = current.role === "ADMIN" && !current.disabled_at && (change.disabled === true || (change.role !== undefined && change.role !== "ADMIN"));
    if (losesAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
      if (otherAdmins === 0) throw new AppError("BAD_REQUEST", { key: "users.lastAdmin" });
    }
    const endsSessions = change.disabled === true || (change.role !== undefined && change.role !== current.role);
    const user = await tx.user.update({
      where: { id: userId },
      data: {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.disabled !== undefined ? { disabledAt: change.disabled ? (current.disabled_at ?? new Date()) : null } : {}),
        ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: publicUserSelect,
    });
    // Disabling revokes the user's API tokens, so that enabling them again does not revive a token
    // that may have leaked meanwhile; they make new ones.
    const revokedTokens = change.disabled === true ? (await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } })).count : 0;
    await recordAudit(tx, { actor, action: "user.update", entityType: "user", entityId: userId, data: { ...change, ...(revokedTokens ? { revokedTokens } : {}) } });
    return user;
  });
}
