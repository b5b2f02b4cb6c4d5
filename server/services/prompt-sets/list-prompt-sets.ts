import "server-only";
import { requirePermission } from "../../auth/require";
import { canViewPromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import type { JudgingMode } from "@/lib/vocabulary";

export type PromptSetSummary = {
  id: string;
  name: string;
  description: string;
  judgingMode: JudgingMode;
  isDemo: boolean;
  archivedAt: Date | null;
  createdAt: Date;
  prompts: number;
  candidates: number;
  judgments: number;
  members: number;
};

/** Every set with its sizes; archived ones last. Counts come from one query, not one per set. */
export async function listPromptSets({ actor, includeArchived = true }: { actor: Actor; includeArchived?: boolean }): Promise<PromptSetSummary[]> {
  requirePermission(actor, canViewPromptSets, "see prompt sets");
  const rows = await getDb().$queryRaw<
    { id: string; name: string; description: string; judging_mode: JudgingMode; is_demo: boolean; archived_at: Date | null; created_at: Date; prompts: bigint; candidates: bigint; judgments: bigint; members: bigint }[]
  >`
    SELECT s.id::text, s.name, s.description, s.judging_mode::text AS judging_mode, s.is_demo, s.archived_at, s.created_at,
      (SELECT count(*) FROM prompts p WHERE p.prompt_set_id = s.id) AS prompts,
      (SELECT count(*) FROM candidates c JOIN prompts p ON p.id = c.prompt_id WHERE p.prompt_set_id = s.id) AS candidates,
      (SELECT count(*) FROM judgments j WHERE j.prompt_set_id = s.id) AS judgments,
      (SELECT count(*) FROM prompt_set_members m WHERE m.prompt_set_id = s.id) AS members
    FROM prompt_sets s
    WHERE ${includeArchived} OR s.archived_at IS NULL
    ORDER BY s.archived_at IS NOT NULL, s.created_at DESC`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    judgingMode: row.judging_mode,
    isDemo: row.is_demo,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    prompts: Number(row.prompts),
    candidates: Number(row.candidates),
    judgments: Number(row.judgments),
    members: Number(row.members),
  }));
}
