import "server-only";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { overlapMaxProblem, qualitySettingsSchema, type QualitySettings } from "@/lib/quality/settings";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { recordAudit } from "../audit/record-audit";
import { invalidField, parseOrThrow } from "../parse";
import { lockPromptSet } from "../prompt-sets/internal/find-prompt-set";

/** Saves a set's gold and adaptive-overlap settings (admins); all six fields at once, checked together. */
export async function updateQualitySettings({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<QualitySettings & { id: string }> {
  requirePermission(actor, canManagePromptSets, "change prompt sets");
  const settings = parseOrThrow(qualitySettingsSchema, input);
  return getDb().$transaction(async (tx) => {
    await lockPromptSet(tx, promptSetId);
    const set = await tx.promptSet.findUniqueOrThrow({ where: { id: promptSetId }, select: { overlap: true } });
    const problem = overlapMaxProblem(settings, set.overlap);
    if (problem) throw invalidField("overlapMax", problem);
    await tx.promptSet.update({ where: { id: promptSetId }, data: settings });
    await recordAudit(tx, { actor, action: "prompt_set.quality_settings", entityType: "prompt_set", entityId: promptSetId, data: { ...settings } });
    return { id: promptSetId, ...settings };
  });
}
