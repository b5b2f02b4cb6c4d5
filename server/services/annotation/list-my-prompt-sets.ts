import "server-only";
import { requirePermission } from "../../auth/require";
import { canAnnotate } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import type { JudgingMode } from "@/lib/vocabulary";
import { countsTowardOverlap } from "./internal/overlap";

export type MyPromptSet = {
  id: string;
  name: string;
  description: string;
  mode: JudgingMode;
  isDemo: boolean;
  prompts: number;
  overlap: number;
  /** Judgments this annotator made in the set. */
  mine: number;
  /** Judgments the set has (not counting adjudications), out of prompts x overlap. */
  judged: number;
  /**
   * Prompts this annotator can still judge: not judged or skipped by them, and either held by them (a
   * lease) or with a free slot (prompts.open_slots; a gold prompt is open to every member once).
   */
  open: number;
};

/**
 * The annotator's home: the prompt sets they belong to, with their own progress and the set's; with
 * `promptSetId`, that one set only (the workspace's progress line, which must not count every set).
 */
export async function listMyPromptSets({ actor, promptSetId }: { actor: Actor; promptSetId?: string }): Promise<MyPromptSet[]> {
  requirePermission(actor, canAnnotate, "annotate");
  return getDb().$queryRaw<MyPromptSet[]>`
    SELECT s.id, s.name, s.description, s.judging_mode::text AS mode, s.is_demo AS "isDemo", s.overlap,
      (SELECT count(*) FROM prompts p WHERE p.prompt_set_id = s.id)::int AS prompts,
      (SELECT count(*) FROM judgments j WHERE j.prompt_set_id = s.id AND j.annotator_id = ${actor.id}::uuid AND ${countsTowardOverlap("j")})::int AS mine,
      (SELECT count(*) FROM judgments j WHERE j.prompt_set_id = s.id AND ${countsTowardOverlap("j")})::int AS judged,
      (SELECT count(*) FROM prompts p WHERE p.prompt_set_id = s.id
        AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND j.annotator_id = ${actor.id}::uuid)
        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.prompt_id = p.id AND a.annotator_id = ${actor.id}::uuid AND a.status = 'SKIPPED')
        AND (EXISTS (SELECT 1 FROM assignments a WHERE a.prompt_id = p.id AND a.annotator_id = ${actor.id}::uuid AND a.status = 'ACTIVE')
          OR (NOT p.awaiting_candidates AND (p.gold IS NOT NULL OR coalesce(p.open_slots, s.overlap + p.extra_slots) > 0))))::int AS open
    FROM prompt_sets s
    JOIN prompt_set_members m ON m.prompt_set_id = s.id AND m.user_id = ${actor.id}::uuid
    WHERE s.archived_at IS NULL ${promptSetId ? Prisma.sql`AND s.id = ${promptSetId}::uuid` : Prisma.empty}
    ORDER BY s.is_demo, s.created_at DESC`;
}
