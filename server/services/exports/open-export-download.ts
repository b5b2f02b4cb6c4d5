import "server-only";
import { PassThrough, type Readable } from "node:stream";
import { TarArchive, ZipArchive } from "archiver";
import { createGzip } from "node:zlib";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { readExportFile } from "../../export/file-store";
import { requireId } from "../parse";

export type ExportDownload = { fileName: string; contentType: string; bytes: number | null; sha256: string | null; stream: Readable };
export type ArchiveType = "zip" | "tar.gz";

async function succeededExport(exportId: string) {
  const row = await getDb().export.findUnique({
    where: { id: requireId(exportId, "export") },
    select: { id: true, name: true, status: true, finishedAt: true, files: { select: { path: true, sha256: true, bytes: true }, orderBy: { path: "asc" } } },
  });
  if (!row) throw new AppError("NOT_FOUND", { key: "notFound.export" });
  if (row.status !== "SUCCEEDED") throw new AppError("CONFLICT", { key: "exports.nothingToDownload", params: { status: row.status.toLowerCase() } });
  return row;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80) || "export";
}

/** One file of a finished export (a split's JSONL, the manifest, the card), streamed from the database. */
export async function openExportFile({ actor, exportId, path }: { actor: Actor; exportId: string; path: string }): Promise<ExportDownload> {
  requirePermission(actor, canExport, "download exports");
  const row = await succeededExport(exportId);
  const file = row.files.find((candidate) => candidate.path === path);
  if (!file) throw new AppError("NOT_FOUND", { key: "exports.noSuchFile", params: { path, files: row.files.map((f) => f.path).join(", ") } });
  const contentType = path.endsWith(".jsonl") ? "application/jsonl; charset=utf-8" : path.endsWith(".json") ? "application/json; charset=utf-8" : "text/markdown; charset=utf-8";
  return { fileName: `${slug(row.name)}-${path.replaceAll("/", "-")}`, contentType, bytes: Number(file.bytes), sha256: file.sha256, stream: readExportFile(row.id, path) };
}

/**
 * The whole export as one archive, streamed: each file is read chunk by chunk as the archiver asks for
 * it, so the first bytes leave at once and memory holds a chunk, not the export. Files sit in a folder
 * named after the export, so unpacking gives a folder `datasets.load_dataset` can read.
 */
export async function openExportArchive({ actor, exportId, type }: { actor: Actor; exportId: string; type: ArchiveType }): Promise<ExportDownload> {
  requirePermission(actor, canExport, "download exports");
  const row = await succeededExport(exportId);
  const folder = slug(row.name);
  const archive = type === "zip" ? new ZipArchive({ zlib: { level: 6 } }) : new TarArchive();
  const output = new PassThrough();
  archive.on("error", (error) => output.destroy(error));
  if (type === "zip") archive.pipe(output);
  else archive.pipe(createGzip({ level: 6 })).pipe(output);
  for (const file of row.files) archive.append(readExportFile(row.id, file.path), { name: `${folder}/${file.path}`, date: row.finishedAt ?? new Date() });
  void archive.finalize().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return {
    fileName: `${folder}.${type}`,
    contentType: type === "zip" ? "application/zip" : "application/gzip",
    bytes: null,
    sha256: null,
    stream: output,
  };
}
