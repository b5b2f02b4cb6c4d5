import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from "hyparquet";
// hyparquet decodes snappy itself; the rest of Parquet's codecs (gzip, zstd, brotli, lz4, lz4_raw) come from here.
import { compressors } from "hyparquet-compressors";
import { AppError } from "../../../errors";

/** Rows handed to the parser at a time. */
const ROWS_PER_YIELD = 1000;

/**
 * Parquet keeps its schema and row-group index at the end of the file, so an upload cannot be decoded
 * as it arrives: it is spooled to a temporary file (the size limit counted on the way), then read back
 * a row group at a time with hyparquet, which fetches only the byte ranges it needs, and handed on in
 * slices of rows. Memory holds one row group's rows, never the file. A row group is decoded once: hyparquet
 * decodes a group's whole column chunks for any range of rows in it, so reading a group in ranges of rows
 * decoded it once per range (100,000 rows in ranges of 1,000 took 150 s instead of about 1). The file is
 * removed when the reading ends, however it ends.
 */
export async function* parquetRowBatches(
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  maxFileBytes: number,
  tooLarge: () => AppError,
): AsyncGenerator<Record<string, unknown>[]> {
  const folder = await mkdtemp(path.join(tmpdir(), "arbiter-parquet-"));
  const file = path.join(folder, "upload.parquet");
  try {
    let bytes = 0;
    async function* counted() {
      for await (const chunk of body) {
        const data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
        bytes += data.byteLength;
        if (bytes > maxFileBytes) throw tooLarge();
        yield data;
      }
    }
    await pipeline(Readable.from(counted()), createWriteStream(file));
    const handle = await open(file, "r");
    try {
      const buffer: AsyncBuffer = {
        byteLength: bytes,
        async slice(start: number, end?: number) {
          const stop = Math.min(end ?? bytes, bytes);
          const out = Buffer.alloc(Math.max(0, stop - start));
          if (out.byteLength > 0) await handle.read(out, 0, out.byteLength, start);
          return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
        },
      };
      let metadata: FileMetaData;
      try {
        metadata = await parquetMetadataAsync(buffer);
      } catch (error) {
        throw new AppError("BAD_REQUEST", { key: "importPrompts.notParquet", params: { detail: describe(error) } }, { file: "not Parquet" });
      }
      let groupStart = 0;
      for (const group of metadata.row_groups) {
        const groupEnd = groupStart + Number(group.num_rows);
        if (groupEnd > groupStart) {
          let rows: Record<string, unknown>[];
          try {
            rows = await parquetReadObjects({ file: buffer, metadata, rowStart: groupStart, rowEnd: groupEnd, compressors });
          } catch (error) {
            throw new AppError("BAD_REQUEST", { key: "importPrompts.unreadableParquetRows", params: { first: groupStart + 1, last: groupEnd, detail: describe(error) } }, { file: "unreadable rows" });
          }
          for (let start = 0; start < rows.length; start += ROWS_PER_YIELD) {
            yield rows.slice(start, start + ROWS_PER_YIELD).map((row) => plainValue(row) as Record<string, unknown>);
          }
        }
        groupStart = groupEnd;
      }
    } finally {
      await handle.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Parquet values as JSON would have them: int64 as a number (as text beyond 2^53), timestamps as ISO text. */
export function plainValue(value: unknown): unknown {
  if (typeof value === "bigint") return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return new TextDecoder("utf-8").decode(value);
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainValue(item)]));
  return value;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 200);
}
