import "server-only";
import { AppError } from "../errors";
import type { Actor, Permission } from "../authz/permissions";

/** Services call this first: a capability the actor's role lacks is refused before any query. */
export function requirePermission(actor: Actor, permission: Permission, what: string): void {
  if (!permission(actor)) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not ${what}.`);
}
