import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";

export type GenerationContext = {
  promptSet: { id: string; name: string; candidatesPerPrompt: number; defaultSystemMessage: string | null; promptCount: number; archived: boolean };
  endpoints: { id: string; name: string; model: string }[];
};

/** What the generation page needs to offer a run: the set, its size, and the endpoints to choose from. */
export async function getGenerationContext({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<GenerationContext> {
  requirePermission(actor, canManageEndpoints, "run generation");
  requireId(promptSetId, "prompt set");
  const db = getDb();
  const [set, endpoints] = await Promise.all([
    db.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true, name: true, candidatesPerPrompt: true, defaultSystemMessage: true, archivedAt: true, _count: { select: { prompts: true } } } }),
    db.endpoint.findMany({ where: { archivedAt: null }, select: { id: true, name: true, model: true }, orderBy: { name: "asc" } }),
  ]);
  if (!set) throw new AppError("NOT_FOUND", { key: "promptSets.noSuchSet" });
  return {
    promptSet: { id: set.id, name: set.name, candidatesPerPrompt: set.candidatesPerPrompt, defaultSystemMessage: set.defaultSystemMessage, promptCount: set._count.prompts, archived: set.archivedAt !== null },
    endpoints,
  };
}
