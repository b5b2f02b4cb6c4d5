import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import type { RunEndpointRef } from "@/lib/generation/contracts";
import { requireId } from "../parse";

/** `endpointRefs`: the run's endpoints with their ids and models (a run's Batch file is for one of them); `isJudgeRun`: a judge run (no Batch file). */
export type RunSummary = { id: string; status: string; createdAt: Date; candidatesPerModel: number; spreadAcrossModels: boolean; endpoints: string[]; endpointRefs: RunEndpointRef[]; isJudgeRun: boolean };

/** A prompt set's most recent runs, newest first. */
export async function listRuns({ actor, promptSetId, take = 10 }: { actor: Actor; promptSetId: string; take?: number }): Promise<RunSummary[]> {
  requirePermission(actor, canManageEndpoints, "see generation runs");
  requireId(promptSetId, "prompt set");
  const runs = await getDb().generationRun.findMany({
    where: { promptSetId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, status: true, createdAt: true, candidatesPerModel: true, spreadAcrossModels: true, judgeTemplateId: true, endpoints: { select: { endpoint: { select: { id: true, name: true, model: true } } }, orderBy: { endpoint: { name: "asc" } } } },
  });
  return runs.map(({ judgeTemplateId, endpoints, ...run }) => ({
    ...run,
    endpoints: endpoints.map((e) => e.endpoint.name),
    endpointRefs: endpoints.map((e) => e.endpoint),
    isJudgeRun: judgeTemplateId !== null,
  }));
}
