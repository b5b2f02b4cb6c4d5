import "server-only";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { VerlRecord } from "@/lib/export/schemas";
import { verlColumnData, verlParquetSchema, type VerlColumns } from "@/lib/export/verl-parquet";
import { ExportFileWriter, type ExportFileEntry } from "./file-store";

/** Rows per row group: bounded memory (one group's rows and bytes), and readers can page by group. */
const ROW_GROUP_ROWS = 1000;

/** A ByteWriter whose bytes go to the export's chunk store after each row group (offsets stay absolute). */
class ChunkSink extends ByteWriter {
  pending: Uint8Array[] = [];
  flush(): void {
    this.pending.push(this.getBytes().slice());
    this.index = 0;
  }
  override finish(): void {
    this.flush();
  }
}

/**
 * One veRL parquet file of an export, written as the rows come: rows are buffered up to one row group,
 * encoded, and the bytes stored as chunks like any other export file. Memory: one row group.
 */
export class ParquetExportFileWriter {
  private readonly sink = new ChunkSink();
  private readonly parquet: ParquetWriter;
  private rows: VerlRecord[] = [];
  private written = 0;

  private constructor(
    private readonly file: ExportFileWriter,
    columns: VerlColumns,
  ) {
    this.parquet = new ParquetWriter({ writer: this.sink, schema: verlParquetSchema(columns), createdBy: "arbiter (hyparquet-writer)" });
  }

  /** `columns`: the verifier columns of `extra_info` this export writes (the same for every file). */
  static async open(exportId: string, path: string, columns: VerlColumns = {}): Promise<ParquetExportFileWriter> {
    return new ParquetExportFileWriter(await ExportFileWriter.open(exportId, path), columns);
  }

  /** Takes one JSONL line of the verl-parquet format (what the pipeline produces). */
  async write(line: string): Promise<void> {
    this.rows.push(JSON.parse(line) as VerlRecord);
    if (this.rows.length >= ROW_GROUP_ROWS) await this.writeGroup();
  }

  private async writeGroup(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.parquet.write({ columnData: verlColumnData(this.rows, this.written), rowGroupSize: this.rows.length });
    this.written += this.rows.length;
    this.rows = [];
    await this.drain();
  }

  private async drain(): Promise<void> {
    for (const bytes of this.sink.pending.splice(0)) await this.file.writeBytes(bytes, 0);
  }

  /** Same call as ExportFileWriter's; a parquet data file always counts its rows. */
  async close(options: { rows: true } = { rows: true }): Promise<ExportFileEntry> {
    await this.writeGroup();
    this.file.rows = this.written;
    await this.parquet.finish();
    await this.drain();
    return this.file.close(options);
  }
}
