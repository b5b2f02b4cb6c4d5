import type { ExportStatus } from "../vocabulary";

/** An export as the history, the API and the CLI show it (GET /api/exports, POST /api/exports). */
export type ExportSummary = {
  id: string;
  name: string;
  /** A format name of lib/export's registry. */
  format: string;
  status: ExportStatus;
  progress: number;
  total: number | null;
  error: string | null;
  snapshotAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: { email: string; name: string | null } | null;
};

export type ExportFileInfo = { path: string; sha256: string; bytes: number; rows: number | null };

/** One export with its settings, manifest and files (GET /api/exports/:id). */
export type ExportDetail = ExportSummary & { policy: unknown; filters: unknown; split: unknown; manifest: unknown; files: ExportFileInfo[] };
