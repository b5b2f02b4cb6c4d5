import type { Role } from "../vocabulary";

/**
 * What each role may do, as pure predicates on a role: the services check them (server/auth/require.ts)
 * and the navigation shows only the areas they allow (components/shell/areas.ts). Data scoping (an
 * annotator sees only the prompt sets they belong to) is done by the services' `where` clauses; these
 * predicates gate whole capabilities.
 */

export type RoleHolder = { role: Role };
export type Permission = (actor: RoleHolder) => boolean;

export const canManageUsers = (actor: RoleHolder) => actor.role === "ADMIN";
export const canManagePromptSets = (actor: RoleHolder) => actor.role === "ADMIN";
export const canManageEndpoints = (actor: RoleHolder) => actor.role === "ADMIN";
export const canViewPromptSets = (actor: RoleHolder) => actor.role === "ADMIN" || actor.role === "ENGINEER";
export const canAnnotate = (actor: RoleHolder) => actor.role === "ADMIN" || actor.role === "ANNOTATOR";
export const canSettleJudgments = (actor: RoleHolder) => actor.role === "ADMIN";
export const canExport = (actor: RoleHolder) => actor.role === "ADMIN" || actor.role === "ENGINEER";
/** Quality and evaluation pages, API and CSV: agreement, annotator statistics, leaderboard (issue 11). */
export const canViewQuality = (actor: RoleHolder) => actor.role === "ADMIN" || actor.role === "ENGINEER";
