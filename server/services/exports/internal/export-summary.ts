import "server-only";
import type { Prisma } from "../../../db/client";

/** What the history and the API show of an export (the manifest only on the detail). */
export const exportSummarySelect = {
  id: true,
  name: true,
  format: true,
  status: true,
  progress: true,
  total: true,
  error: true,
  snapshotAt: true,
  createdAt: true,
  finishedAt: true,
  createdBy: { select: { email: true, name: true } },
} satisfies Prisma.ExportSelect;

export type ExportSummary = Prisma.ExportGetPayload<{ select: typeof exportSummarySelect }>;

export type ExportFileInfo = { path: string; sha256: string; bytes: number; rows: number | null };
