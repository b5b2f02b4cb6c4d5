import "server-only";
import { AppError } from "../errors";
import type { Permission } from "@/lib/authz/permissions";
import type { Actor } from "../authz/actor";

/** Services call this first: a capability the actor's role lacks is refused before any query. */
export function requirePermission(actor: Actor, permission: Permission, what: string): void {
  if (!permission(actor)) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not ${what}.`);
}
