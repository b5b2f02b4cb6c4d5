import { canAnnotate, canExport, canManageEndpoints, canManageUsers, canSettleJudgments, canViewPromptSets, canViewQuality, type Permission, type RoleHolder } from "@/lib/authz/permissions";

/** `key` names the area's label and description in the catalogues (shell.areas.<key>). */
export type Area = { href: string; key: AreaKey };
export type AreaKey = "promptSets" | "annotate" | "review" | "leaderboard" | "exports" | "endpoints" | "users";

// In the order of the data's path (prompts -> judgments -> datasets), then administration.
const areas: (Area & { isAllowed: Permission })[] = [
  {
    href: "/prompt-sets",
    key: "promptSets",
    isAllowed: canViewPromptSets,
  },
  {
    href: "/annotate",
    key: "annotate",
    isAllowed: canAnnotate,
  },
  {
    href: "/review",
    key: "review",
    isAllowed: canSettleJudgments,
  },
  {
    href: "/leaderboard",
    key: "leaderboard",
    isAllowed: canViewQuality,
  },
  {
    href: "/exports",
    key: "exports",
    isAllowed: canExport,
  },
  {
    href: "/endpoints",
    key: "endpoints",
    isAllowed: canManageEndpoints,
  },
  {
    href: "/users",
    key: "users",
    isAllowed: canManageUsers,
  },
];

/** The areas the actor's role may use, by the same predicates the pages and services check. */
export function areasFor(actor: RoleHolder): Area[] {
  return areas.filter((area) => area.isAllowed(actor)).map(({ href, key }) => ({ href, key }));
}
