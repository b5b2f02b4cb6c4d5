import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { requireId } from "../parse";

export type RunSummary = { id: string; status: string; createdAt: Date; candidatesPerModel: number; spreadAcrossModels: boolean; endpoints: string[] };

/** A prompt set's most recent runs, newest first. */
export async function listRuns({ actor, promptSetId, take = 10 }: { actor: Actor; promptSetId: string; take?: number }): Promise<RunSummary[]> {
  requirePermission(actor, canManageEndpoints, "see generation runs");
  requireId(promptSetId, "prompt set");
  const runs = await getDb().generationRun.findMany({
    where: { promptSetId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, status: true, createdAt: true, candidatesPerModel: true, spreadAcrossModels: true, endpoints: { select: { endpoint: { select: { name: true } } } } },
  });
  return runs.map((run) => ({ ...run, endpoints: run.endpoints.map((e) => e.endpoint.name) }));
}
