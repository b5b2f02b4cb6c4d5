import "server-only";
import { defaultExportName, exportSettingsSchema } from "@/lib/export/settings";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import type { ExportSummary } from "@/lib/export/contracts";
import { exportSummarySelect } from "./internal/export-summary";

/**
 * Queues an export from unvalidated settings (the form, the HTTP API, the CLI). A worker's
 * `runExportQueue()` builds it (the CLI claims and builds its own).
 */
export async function createExport({ actor, input }: { actor: Actor; input: unknown }): Promise<ExportSummary> {
  requirePermission(actor, canExport, "export datasets");
  const settings = parseOrThrow(exportSettingsSchema, input);
  const db = getDb();
  const found = await db.promptSet.count({ where: { id: { in: settings.filters.promptSetIds } } });
  if (found !== new Set(settings.filters.promptSetIds).size) {
    throw new AppError("BAD_REQUEST", { key: "exports.promptSetMissing" }, { "filters.promptSetIds": { key: "field.promptSetMissing" } });
  }
  const now = new Date();
  return db.$transaction(async (tx) => {
    const created = await tx.export.create({
      data: {
        name: settings.name || defaultExportName(settings, now),
        format: settings.format,
        policy: settings.policy,
        filters: settings.filters,
        split: settings.split,
        records: settings.records,
        createdById: actor.isSystem ? null : actor.id,
      },
      select: exportSummarySelect,
    });
    await recordAudit(tx, { actor, action: "export.create", entityType: "export", entityId: created.id, data: { format: settings.format } });
    return created;
  });
}
