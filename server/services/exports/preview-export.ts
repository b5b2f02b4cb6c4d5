import "server-only";
import { exportSettingsSchema } from "@/lib/export/settings";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { previewExportData, type ExportPreview } from "../../export/preview-export";
import { parseOrThrow } from "../parse";

/** Counts and the first records of an export with these settings, before anything is written. */
export async function previewExport({ actor, input }: { actor: Actor; input: unknown }): Promise<ExportPreview> {
  requirePermission(actor, canExport, "export datasets");
  return previewExportData(parseOrThrow(exportSettingsSchema, input));
}
