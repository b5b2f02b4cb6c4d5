import "server-only";
import { AppError } from "../errors";
import type { Permission } from "@/lib/authz/permissions";
import type { Actor } from "../authz/actor";
import type { PermissionAction } from "@/lib/i18n/catalogues";

/**
 * Services call this first: a capability the actor's role lacks is refused before any query. `what` is
 * the refused action in English and its key in the catalogues (errors.permissionActions), so that the
 * refusal reads "Your role (ANNOTATOR) may not run generation." or its translation.
 */
export function requirePermission(actor: Actor, permission: Permission, what: PermissionAction): void {
  if (!permission(actor)) throw new AppError("FORBIDDEN", { key: "auth.roleMayNot", params: { role: actor.role, what } });
}
