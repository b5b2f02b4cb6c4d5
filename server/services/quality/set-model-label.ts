import "server-only";
import { fieldMessage as m } from "@/lib/schemas/field-message";
import { z } from "zod";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";

export const modelLabelSchema = z.object({
  endpointId: z.uuid({ error: "endpointId must be an endpoint id" }),
  model: z.string({ error: "model is required" }).min(1, "model is required").max(500, "model has at most 500 characters"),
  /** Empty or null removes the label. */
  label: z.string().trim().max(200, m("field.maxChars", { label: "modelLabel", max: 200 })).nullable(),
});

/** Names (endpoint, model) on the leaderboard, e.g. "Qwen2.5-0.5B-Instruct + DPO v3" (admins). */
export async function setModelLabel({ actor, input }: { actor: Actor; input: unknown }): Promise<{ endpointId: string; model: string; label: string | null }> {
  requirePermission(actor, canManageEndpoints, "label models");
  const { endpointId, model, label } = parseOrThrow(modelLabelSchema, input);
  return getDb().$transaction(async (tx) => {
    const endpoint = await tx.endpoint.findUnique({ where: { id: endpointId }, select: { id: true } });
    if (!endpoint) throw new AppError("NOT_FOUND", { key: "notFound.endpoint" });
    if (label) await tx.modelLabel.upsert({ where: { endpointId_model: { endpointId, model } }, create: { endpointId, model, label }, update: { label } });
    else await tx.modelLabel.deleteMany({ where: { endpointId, model } });
    await recordAudit(tx, { actor, action: "model.label", entityType: "endpoint", entityId: endpointId, data: { model, label: label || null } });
    return { endpointId, model, label: label || null };
  });
}
