import "server-only";
import { createUserSchema } from "@/lib/schemas/user";
import { generatePassword, hashPassword } from "../../auth/password";
import { assertStrongPassword } from "../../auth/password-policy";
import { requirePermission } from "../../auth/require";
import { canManageUsers } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import { publicUserSelect, type PublicUser } from "./internal/public-user";

export type CreatedUser = { user: PublicUser; generatedPassword?: string };

/** Creates an account from unvalidated input (a form, a JSON body, the CLI); without a password, one is generated and returned once (never stored in clear). */
export async function createUser({ actor, input }: { actor: Actor; input: unknown }): Promise<CreatedUser> {
  requirePermission(actor, canManageUsers, "create users");
  const data = parseOrThrow(createUserSchema, input);
  if (data.password) assertStrongPassword(data.password, [data.email, data.name]);
  const generatedPassword = data.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);
  try {
    const user = await getDb().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, passwordHash },
        select: publicUserSelect,
      });
      await recordAudit(tx, { actor, action: "user.create", entityType: "user", entityId: created.id, data: { email: created.email, role: created.role } });
      return created;
    });
    return { user, generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", { key: "users.emailTaken", params: { email: data.email } }, { email: { key: "field.alreadyInUse" } });
    }
    throw error;
  }
}
