import type { Role } from "../db/generated/enums";

/** Who is acting: re-read from the database on every request (server/auth/get-actor.ts). */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The operator at the server's shell (npm run user): no account, audited as such. */
  isSystem?: true;
};

export const systemActor = (via: string): Actor => ({ id: "00000000-0000-0000-0000-000000000000", email: "", name: via, role: "ADMIN", isSystem: true });

type RoleHolder = Pick<Actor, "role">;

// What each role may do. Data scoping (an annotator sees only the prompt sets they belong to) is done
// by the services' `where` clauses; these predicates gate whole capabilities.
export const canManageUsers = (actor: RoleHolder) => actor.role === "ADMIN";
export const canManagePromptSets = (actor: RoleHolder) => actor.role === "ADMIN";
export const canManageEndpoints = (actor: RoleHolder) => actor.role === "ADMIN";
export const canViewPromptSets = (actor: RoleHolder) => actor.role === "ADMIN" || actor.role === "ENGINEER";
export const canAnnotate = (actor: RoleHolder) => actor.role === "ADMIN" || actor.role === "ANNOTATOR";
export const canSettleJudgments = (actor: RoleHolder) => actor.role === "ADMIN";
export const canExport = (actor: RoleHolder) => actor.role === "ADMIN" || actor.role === "ENGINEER";

export type Permission = (actor: RoleHolder) => boolean;
