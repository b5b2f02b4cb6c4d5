import "server-only";
import { judgeTemplateSchema } from "@/lib/judges/schemas";
import { templateProblem } from "@/lib/judges/templates";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";

/** Edits a judge's template: a new version beside the old ones (runs and verdicts keep naming theirs). */
export async function updateJudgeTemplate({ actor, judgeId, input }: { actor: Actor; judgeId: string; input: unknown }): Promise<{ templateVersion: number }> {
  requirePermission(actor, canManageEndpoints, "edit judge templates");
  requireId(judgeId, "judge");
  const template = parseOrThrow(judgeTemplateSchema, input);
  return getDb().$transaction(async (tx) => {
    const [judge] = await tx.$queryRaw<{ kind: "PAIRWISE" | "SINGLE" | "REFERENCE" }[]>`SELECT kind::text AS kind FROM judges WHERE id = ${judgeId}::uuid FOR UPDATE`;
    if (!judge) throw new AppError("NOT_FOUND", { key: "notFound.judge" });
    const problem = templateProblem(judge.kind, template);
    if (problem) throw new AppError("BAD_REQUEST", problem, { user: problem });
    const latest = await tx.judgeTemplate.findFirst({ where: { judgeId }, orderBy: { version: "desc" }, select: { version: true, system: true, user: true } });
    if (latest && latest.system === template.system && latest.user === template.user) return { templateVersion: latest.version };
    const version = (latest?.version ?? 0) + 1;
    await tx.judgeTemplate.create({ data: { judgeId, version, ...template, createdById: actor.isSystem ? null : actor.id } });
    await recordAudit(tx, { actor, action: "judge.template", entityType: "judge", entityId: judgeId, data: { version } });
    return { templateVersion: version };
  });
}
