import "server-only";
import { defaultTemplates } from "@/lib/judges/default-templates";
import { createJudgeSchema } from "@/lib/judges/schemas";
import { templateProblem } from "@/lib/judges/templates";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";

/**
 * A judge: an endpoint and a template, version 1. Without template text the judge starts from our
 * default template of its kind in the chosen language; a template missing a placeholder its kind
 * needs is refused with their names, and nothing is stored.
 */
export async function createJudge({ actor, input }: { actor: Actor; input: unknown }): Promise<{ judgeId: string; templateVersion: number }> {
  requirePermission(actor, canManageEndpoints, "configure judges");
  const data = parseOrThrow(createJudgeSchema, input);
  const fallback = defaultTemplates[data.language][data.kind];
  const template = data.user?.trim() ? { system: data.system ?? "", user: data.user } : fallback;
  const problem = templateProblem(data.kind, template);
  if (problem) throw new AppError("BAD_REQUEST", problem, { user: problem });
  try {
    return await getDb().$transaction(async (tx) => {
      const endpoint = await tx.endpoint.findUnique({ where: { id: data.endpointId }, select: { archivedAt: true } });
      if (!endpoint || endpoint.archivedAt) throw new AppError("BAD_REQUEST", { key: "judges.endpointGone" }, { endpointId: { key: "field.chooseEndpointFromList" } });
      const judge = await tx.judge.create({
        data: { name: data.name, kind: data.kind, endpointId: data.endpointId, createdById: actor.isSystem ? null : actor.id, templates: { create: { version: 1, ...template, createdById: actor.isSystem ? null : actor.id } } },
        select: { id: true },
      });
      await recordAudit(tx, { actor, action: "judge.create", entityType: "judge", entityId: judge.id, data: { name: data.name, kind: data.kind, endpointId: data.endpointId, language: data.language } });
      return { judgeId: judge.id, templateVersion: 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", { key: "judges.nameTaken", params: { name: data.name } }, { name: "choose another name" });
    throw error;
  }
}
