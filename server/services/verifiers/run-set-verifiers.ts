import "server-only";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { requireId } from "../parse";
import { scoreCandidates, type ScoringResult } from "./score-candidates";

/** An admin's "Run verifiers" on a whole set: every candidate, every check (new versions only are stored). */
export async function runSetVerifiers({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<ScoringResult> {
  requirePermission(actor, canManagePromptSets, "run verifiers");
  requireId(promptSetId, "prompt set");
  const set = await getDb().promptSet.findUnique({ where: { id: promptSetId }, select: { id: true, name: true } });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  const [row] = await getDb().$queryRaw<{ has_checks: boolean }[]>`
    SELECT (s.verifier_checks <> '[]'::jsonb OR EXISTS (SELECT 1 FROM prompts p WHERE p.prompt_set_id = s.id AND p.metadata ? 'checks')) AS has_checks
    FROM prompt_sets s WHERE s.id = ${promptSetId}::uuid`;
  if (!row?.has_checks) throw new AppError("BAD_REQUEST", { key: "verifiers.noChecks", params: { name: set.name } });
  const result = await scoreCandidates({ promptSetId });
  const { problems, ...counts } = result;
  await getDb().$transaction((tx) => recordAudit(tx, { actor, action: "verifier.run", entityType: "prompt_set", entityId: promptSetId, data: { ...counts, problems: problems.length } }));
  return result;
}
