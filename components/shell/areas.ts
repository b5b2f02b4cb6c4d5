import { canAnnotate, canExport, canManageEndpoints, canManageUsers, canSettleJudgments, canViewPromptSets, canViewQuality, type Permission, type RoleHolder } from "@/lib/authz/permissions";

export type Area = { href: string; label: string; description: string };

// In the order of the data's path (prompts -> judgments -> datasets), then administration.
const areas: (Area & { isAllowed: Permission })[] = [
  {
    href: "/prompt-sets",
    label: "Prompt sets",
    description: "Import prompts, connect model endpoints and generate candidate responses.",
    isAllowed: canViewPromptSets,
  },
  {
    href: "/annotate",
    label: "Annotate",
    description: "Judge candidate responses from your queue: pick the better answer or rank them.",
    isAllowed: canAnnotate,
  },
  {
    href: "/review",
    label: "Review",
    description: "See every judgment per prompt, settle disagreements and reopen prompts.",
    isAllowed: canSettleJudgments,
  },
  {
    href: "/leaderboard",
    label: "Leaderboard",
    description: "Compare models: Bradley-Terry strengths with intervals, win rates, before and after.",
    isAllowed: canViewQuality,
  },
  {
    href: "/exports",
    label: "Exports",
    description: "Turn judgments into SFT, DPO, KTO and prompt-only datasets.",
    isAllowed: canExport,
  },
  {
    href: "/endpoints",
    label: "Endpoints",
    description: "Register OpenAI-compatible model servers that generate candidates.",
    isAllowed: canManageEndpoints,
  },
  {
    href: "/users",
    label: "Users",
    description: "Create accounts, set roles, disable people and reset passwords.",
    isAllowed: canManageUsers,
  },
];

/** The areas the actor's role may use, by the same predicates the pages and services check. */
export function areasFor(actor: RoleHolder): Area[] {
  return areas.filter((area) => area.isAllowed(actor)).map(({ href, label, description }) => ({ href, label, description }));
}
