import "server-only";
import { requirePermission } from "../../auth/require";
import { canSettleJudgments } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { countsTowardOverlap } from "./internal/overlap";

export type ReviewPromptSetRow = { id: string; name: string; prompts: number; judgments: number; overlap: number; isDemo: boolean };

/** Admins: every prompt set with its judging progress, the review's starting point. */
export async function listReviewPromptSets({ actor }: { actor: Actor }): Promise<ReviewPromptSetRow[]> {
  requirePermission(actor, canSettleJudgments, "review judgments");
  return getDb().$queryRaw<ReviewPromptSetRow[]>`
    SELECT s.id, s.name, s.overlap, s.is_demo AS "isDemo",
      (SELECT count(*) FROM prompts p WHERE p.prompt_set_id = s.id)::int AS prompts,
      (SELECT count(*) FROM judgments j WHERE j.prompt_set_id = s.id AND ${countsTowardOverlap("j")})::int AS judgments
    FROM prompt_sets s WHERE s.archived_at IS NULL ORDER BY s.created_at DESC LIMIT 500`;
}
