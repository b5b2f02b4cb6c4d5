import "server-only";
import { startRunSchema, type RunParams } from "@/lib/generation/schemas";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";

export type StartedRun = { runId: string; taskCount: number };

/**
 * Starts a generation run over every prompt of a set: one task per (prompt, endpoint, sample index),
 * N per endpoint, or N in all spread round-robin over the endpoints. Tasks are written in one
 * INSERT ... SELECT inside the run's transaction, so a set of 100,000 prompts starts in one statement.
 */
export async function startRun({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<StartedRun> {
  requirePermission(actor, canManageEndpoints, "run generation");
  requireId(promptSetId, "prompt set");
  const data = parseOrThrow(startRunSchema, input);
  const endpointIds = [...new Set(data.endpointIds)];
  const params: RunParams = {
    temperature: data.temperature,
    top_p: data.top_p,
    max_tokens: data.max_tokens,
    seed: data.seed,
    stop: data.stop,
    systemOverride: data.systemOverride,
  };
  return getDb().$transaction(async (tx) => {
    const set = await tx.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true, archivedAt: true } });
    if (!set) throw new AppError("NOT_FOUND", { key: "promptSets.noSuchSet" });
    if (set.archivedAt) throw new AppError("BAD_REQUEST", { key: "generation.setArchived" });
    const endpoints = await tx.endpoint.findMany({ where: { id: { in: endpointIds }, archivedAt: null }, select: { id: true } });
    if (endpoints.length !== endpointIds.length) throw new AppError("BAD_REQUEST", { key: "generation.endpointGone" }, { endpointIds: { key: "field.chooseEndpoints" } });
    const run = await tx.generationRun.create({
      data: {
        promptSetId,
        status: "RUNNING",
        params: JSON.parse(JSON.stringify(params)) as Prisma.InputJsonObject,
        candidatesPerModel: data.candidatesPerModel,
        spreadAcrossModels: data.spreadAcrossModels,
        createdById: actor.isSystem ? null : actor.id,
        startedAt: new Date(),
        endpoints: { create: endpointIds.map((endpointId) => ({ endpointId })) },
      },
      select: { id: true },
    });
    // Endpoint k of E gets sample indexes i with i % E = k when spread, every index otherwise.
    const spread = data.spreadAcrossModels ? Prisma.sql`AND s.i % ${endpointIds.length} = e.ord - 1` : Prisma.empty;
    const taskCount = await tx.$executeRaw`
      INSERT INTO generation_tasks (run_id, prompt_id, endpoint_id, sample_index, updated_at)
      SELECT ${run.id}::uuid, p.id, e.endpoint_id, s.i, now()
      FROM prompts p
      CROSS JOIN unnest(${endpointIds}::uuid[]) WITH ORDINALITY AS e(endpoint_id, ord)
      CROSS JOIN generate_series(0, ${data.candidatesPerModel - 1}) AS s(i)
      WHERE p.prompt_set_id = ${promptSetId}::uuid ${spread}`;
    if (taskCount === 0) throw new AppError("BAD_REQUEST", { key: "generation.noPrompts" });
    await recordAudit(tx, { actor, action: "generation.start", entityType: "generation_run", entityId: run.id, data: { promptSetId, endpointIds, candidatesPerModel: data.candidatesPerModel, spreadAcrossModels: data.spreadAcrossModels, taskCount } });
    return { runId: run.id, taskCount };
  });
}
