import "server-only";
import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";
import { getDb } from "../db/client";
// Chunks go through node-postgres: Prisma encodes a 1 MiB Bytes value in JavaScript at a fraction of
// the speed (the bench measured it as the largest cost of an export).
import { getPgPool } from "../db/pg-pool";

/** 1 MiB: large enough that a million rows are a few hundred inserts, small enough to hold one at a time. */
export const CHUNK_BYTES = 1024 * 1024;

/** A finished file of an export, as the manifest lists it (`rows` only for data files). */
export type ExportFileEntry = { path: string; sha256: string; bytes: number; rows: number | null };

/**
 * Writes one file of an export into export_files / export_file_chunks as it is produced: text is
 * gathered up to one chunk, then encoded, hashed and counted once per chunk (not once per line), and
 * the chunk's INSERT runs while the next chunk is gathered (at most one in flight), so memory stays at
 * two chunks per open file. The export is published (status SUCCEEDED) only after every file is
 * closed, so a reader never sees a half-written file; a failed export's files are deleted with it.
 */
export class ExportFileWriter {
  private readonly hash: Hash = createHash("sha256");
  // Text since the last chunk (V8 joins appended strings lazily; they are flattened once, by Buffer.from).
  private text = "";
  private parts: Buffer[] = [];
  private buffered = 0;
  private seq = 0;
  private bytes = 0;
  private inFlight: Promise<unknown> | null = null;
  rows = 0;

  private constructor(
    readonly exportId: string,
    readonly path: string,
  ) {}

  static async open(exportId: string, path: string): Promise<ExportFileWriter> {
    await getDb().exportFile.create({ data: { exportId, path, sha256: "", bytes: 0 } });
    return new ExportFileWriter(exportId, path);
  }

  /**
   * Appends text (UTF-8, no BOM); `rows` counts JSONL records when the caller passes one line at a time.
   * Returns a promise only when a chunk was handed to the database and the one before it is still being
   * written (the caller awaits it: back-pressure); otherwise nothing, so a line costs no promise.
   */
  write(text: string, { isRow = true } = {}): Promise<void> | undefined {
    this.text += text;
    if (isRow) this.rows += 1;
    // Counted in UTF-16 units: a chunk is 1-3 MiB of UTF-8, and any chunk size reads back the same.
    if (this.text.length >= CHUNK_BYTES) return this.flush();
    return undefined;
  }

  /** Appends binary data (a parquet file's bytes), counting `rows` records. */
  async writeBytes(bytes: Uint8Array, rows: number): Promise<void> {
    this.takeText();
    this.parts.push(Buffer.from(bytes));
    this.buffered += bytes.length;
    this.rows += rows;
    if (this.buffered >= CHUNK_BYTES) await this.flush();
  }

  /** Moves the gathered text into the binary parts (encoded as UTF-8 once for the whole run of lines). */
  private takeText(): void {
    if (this.text.length === 0) return;
    const buffer = Buffer.from(this.text, "utf8");
    this.text = "";
    this.parts.push(buffer);
    this.buffered += buffer.length;
  }

  private async flush(): Promise<void> {
    this.takeText();
    if (this.buffered === 0) return;
    const data = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.buffered);
    this.parts = [];
    this.buffered = 0;
    this.hash.update(data);
    this.bytes += data.length;
    const seq = this.seq;
    this.seq += 1;
    // The previous chunk must be stored before this one is sent (one in flight: bounded memory, and an
    // error stops the file at once).
    if (this.inFlight) await this.inFlight;
    // Chunks are cut at line ends rather than at exactly 1 MiB: simpler, and any size reads back the same.
    this.inFlight = getPgPool().query("INSERT INTO export_file_chunks (export_id, path, seq, data) VALUES ($1, $2, $3, $4)", [this.exportId, this.path, seq, data]);
    // Rejections are seen by the next flush or close; until then they must not count as unhandled.
    this.inFlight.catch(() => undefined);
  }

  async close({ rows }: { rows: boolean }): Promise<ExportFileEntry> {
    await this.flush();
    if (this.inFlight) await this.inFlight;
    this.inFlight = null;
    const sha256 = this.hash.digest("hex");
    const result: ExportFileEntry = { path: this.path, sha256, bytes: this.bytes, rows: rows ? this.rows : null };
    await getDb().exportFile.update({
      where: { exportId_path: { exportId: this.exportId, path: this.path } },
      data: { sha256, bytes: BigInt(this.bytes), rows: result.rows },
    });
    return result;
  }
}

/** Writes a whole small file (card, manifest, dataset_info.json) at once. */
export async function writeWholeFile(exportId: string, path: string, text: string) {
  const writer = await ExportFileWriter.open(exportId, path);
  await writer.write(text, { isRow: false });
  return writer.close({ rows: false });
}

/**
 * A stored file as a stream, one chunk read at a time by keyset on seq: the first bytes go out as soon
 * as the first chunk is read, and memory holds one chunk whatever the file's size.
 */
export function readExportFile(exportId: string, path: string): Readable {
  async function* chunks() {
    let seq = -1;
    for (;;) {
      const { rows } = await getPgPool().query<{ seq: number; data: Buffer }>(
        "SELECT seq, data FROM export_file_chunks WHERE export_id = $1 AND path = $2 AND seq > $3 ORDER BY seq LIMIT 1",
        [exportId, path, seq],
      );
      const chunk = rows[0];
      if (!chunk) return;
      seq = chunk.seq;
      yield chunk.data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
