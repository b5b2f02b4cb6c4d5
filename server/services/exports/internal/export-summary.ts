import "server-only";
import type { Prisma } from "../../../db/client";

/** The columns of lib/export/contracts.ts ExportSummary (the services returning it make tsc check the fit). */
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

