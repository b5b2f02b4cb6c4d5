import "server-only";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { requireId } from "../parse";
import type { ExportSummary } from "@/lib/export/contracts";
import { exportSummarySelect } from "./internal/export-summary";

/**
 * Cancels a queued or running export. A queued one ends CANCELLED at once (no builder has it); a
 * running one is marked, and its builder stops after the page it is on, removes its partial files and
 * ends it CANCELLED (a builder that died meanwhile is ended so by the next claim). Finished exports
 * cannot be cancelled (409).
 */
export async function cancelExport({ actor, exportId }: { actor: Actor; exportId: string }): Promise<ExportSummary> {
  requirePermission(actor, canExport, "cancel exports");
  const id = requireId(exportId, "export");
  return getDb().$transaction(async (tx) => {
    const row = await tx.export.findUnique({ where: { id }, select: { status: true } });
    if (!row) throw new AppError("NOT_FOUND", { key: "notFound.export" });
    const now = new Date();
    // Conditional updates: a builder claiming or finishing meanwhile makes the count 0, reported as a conflict.
    const queued = await tx.export.updateMany({ where: { id, status: "QUEUED" }, data: { status: "CANCELLED", cancelRequestedAt: now, finishedAt: now } });
    const running = queued.count ? { count: 0 } : await tx.export.updateMany({ where: { id, status: "RUNNING" }, data: { cancelRequestedAt: now } });
    if (queued.count + running.count === 0) {
      const current = await tx.export.findUniqueOrThrow({ where: { id }, select: { status: true } });
      throw new AppError("CONFLICT", { key: "exports.cannotCancel", params: { status: current.status.toLowerCase() } });
    }
    await recordAudit(tx, { actor, action: "export.cancel", entityType: "export", entityId: id, data: { was: queued.count ? "QUEUED" : "RUNNING" } });
    return tx.export.findUniqueOrThrow({ where: { id }, select: exportSummarySelect });
  });
}
