import "server-only";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";

export type ExportChoices = {
  promptSets: { id: string; name: string; judgments: number }[];
  annotators: { id: string; name: string; email: string }[];
  models: string[];
};

/** What the export form offers: prompt sets (with their judgment counts), annotators who judged, models seen. */
export async function listExportChoices({ actor }: { actor: Actor }): Promise<ExportChoices> {
  requirePermission(actor, canExport, "export datasets");
  const db = getDb();
  const [promptSets, annotators, models] = await Promise.all([
    db.promptSet.findMany({ where: { archivedAt: null }, select: { id: true, name: true, _count: { select: { judgments: true } } }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { judgments: { some: {} } }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } }),
    db.candidate.findMany({ where: { model: { not: null } }, distinct: ["model"], select: { model: true }, orderBy: { model: "asc" }, take: 200 }),
  ]);
  return {
    promptSets: promptSets.map(({ id, name, _count }) => ({ id, name, judgments: _count.judgments })),
    annotators,
    models: models.flatMap(({ model }) => (model ? [model] : [])),
  };
}
