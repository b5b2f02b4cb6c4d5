import "server-only";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import type { ExportSummary } from "@/lib/export/contracts";
import { exportSummarySelect } from "./internal/export-summary";

/** Export history, newest first (every engineer and admin sees the team's exports). */
export async function listExports({ actor, take = 50 }: { actor: Actor; take?: number }): Promise<ExportSummary[]> {
  requirePermission(actor, canExport, "see exports");
  return getDb().export.findMany({ select: exportSummarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: Math.min(Math.max(take, 1), 200) });
}
