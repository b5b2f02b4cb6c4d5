import "server-only";
import type { JudgeListing } from "@/lib/judges/contracts";
import { canViewPromptSets } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";

/** Every judge with its endpoint (name and model only: never its key) and its current template. */
export async function listJudges({ actor }: { actor: Actor }): Promise<JudgeListing[]> {
  requirePermission(actor, canViewPromptSets, "see judges");
  const judges = await getDb().judge.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      endpoint: { select: { id: true, name: true, model: true } },
      templates: { orderBy: { version: "desc" }, take: 1, select: { version: true, system: true, user: true } },
    },
  });
  return judges.map((judge) => ({
    id: judge.id,
    name: judge.name,
    kind: judge.kind,
    endpoint: judge.endpoint,
    template: judge.templates[0] ?? { version: 0, system: "", user: "" },
  }));
}
