import "server-only";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";
import type { ExportDetail } from "@/lib/export/contracts";
import { exportSummarySelect } from "./internal/export-summary";


export async function getExport({ actor, exportId }: { actor: Actor; exportId: string }): Promise<ExportDetail> {
  requirePermission(actor, canExport, "see exports");
  const row = await getDb().export.findUnique({
    where: { id: requireId(exportId, "export") },
    select: { ...exportSummarySelect, policy: true, filters: true, split: true, manifest: true, files: { select: { path: true, sha256: true, bytes: true, rows: true }, orderBy: { path: "asc" } } },
  });
  if (!row) throw new AppError("NOT_FOUND", { key: "notFound.export" });
  return { ...row, files: row.files.map((file) => ({ ...file, bytes: Number(file.bytes) })) };
}
