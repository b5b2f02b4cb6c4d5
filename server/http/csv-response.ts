import "server-only";

/** A CSV download: UTF-8 with a BOM (so spreadsheets read non-ASCII names), as an attachment. */
export function csvResponse(csv: string, fileName: string): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName.replace(/["\\\r\n]/g, "_")}"`, "cache-control": "no-store" },
  });
}
