import "server-only";
import { Readable } from "node:stream";
import type { ExportDownload } from "../services/exports/open-export-download";

/** A streamed download: headers at once, bytes as they are read from the database. */
export function downloadResponse(download: ExportDownload): Response {
  const headers = new Headers({
    "content-type": download.contentType,
    "content-disposition": `attachment; filename="${download.fileName.replace(/["\\\r\n]/g, "_")}"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  if (download.bytes !== null) headers.set("content-length", String(download.bytes));
  if (download.sha256) headers.set("x-sha256", download.sha256);
  return new Response(Readable.toWeb(download.stream) as ReadableStream<Uint8Array>, { headers });
}
