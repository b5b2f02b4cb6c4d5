import "server-only";
import { z } from "zod";
import { parseCheckList } from "@/lib/verifiers/config";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, type Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import { lockPromptSet } from "../prompt-sets/internal/find-prompt-set";

const verifierSettingsSchema = z
  .object({
    /** The check list as JSON text (the form) or as a value (the API). */
    checks: z.unknown().optional(),
    showScoresToAnnotators: z.boolean().optional(),
  })
  .strict();

/** Sets a prompt set's verifier checks and whether annotators see the results. */
export async function updateVerifierSettings({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<{ checks: number; showScoresToAnnotators: boolean }> {
  requirePermission(actor, canManagePromptSets, "configure verifiers");
  const { checks, showScoresToAnnotators } = parseOrThrow(verifierSettingsSchema, input);
  let verifierChecks: Prisma.InputJsonValue | undefined;
  if (checks !== undefined) {
    const parsed = parseCheckList(checks);
    // The English message is the API's (each problem with its place); the form shows the same reason in the user's language.
    if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.reason, { checks: parsed.reason });
    // Stored as given (defaults are filled when read), so the admin sees what they wrote.
    verifierChecks = (typeof checks === "string" ? (checks.trim() === "" ? [] : unwrap(JSON.parse(checks))) : unwrap(checks)) as Prisma.InputJsonValue;
  }
  return getDb().$transaction(async (tx) => {
    await lockPromptSet(tx, promptSetId);
    const updated = await tx.promptSet.update({
      where: { id: promptSetId },
      data: { ...(verifierChecks !== undefined ? { verifierChecks } : {}), ...(showScoresToAnnotators !== undefined ? { showScoresToAnnotators } : {}) },
      select: { verifierChecks: true, showScoresToAnnotators: true },
    });
    await recordAudit(tx, { actor, action: "verifier.configure", entityType: "prompt_set", entityId: promptSetId, data: { checks: updated.verifierChecks, showScoresToAnnotators: updated.showScoresToAnnotators } });
    return { checks: Array.isArray(updated.verifierChecks) ? updated.verifierChecks.length : 0, showScoresToAnnotators: updated.showScoresToAnnotators };
  });
}

function unwrap(value: unknown): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "checks" in value ? (value as { checks: unknown }).checks : value;
}
