import "server-only";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { QualitySettings } from "@/lib/quality/settings";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";

/** A set's gold and adaptive-overlap settings, for the settings form (admins). */
export async function getQualitySettings({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<QualitySettings> {
  requirePermission(actor, canManagePromptSets, "change prompt sets");
  requireId(promptSetId, "prompt set");
  const set = await getDb().promptSet.findUnique({
    where: { id: promptSetId },
    select: { goldRate: true, goldMinItems: true, goldMinAccuracy: true, goldPause: true, overlapMax: true, adaptiveMinAgreement: true },
  });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  return set;
}
