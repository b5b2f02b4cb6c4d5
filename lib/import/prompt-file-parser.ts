import { errorText } from "../i18n/translate";
import { readFieldMessage, reasonMessage, type FieldReason } from "../schemas/field-message";
import { CsvSplitter } from "./csv-splitter";
import { recordErrorKey } from "./record-error-key";
import { JsonArraySplitter } from "./json-array-splitter";
import { JsonlSplitter } from "./jsonl-splitter";
import { normalizeMappedRecord, type ColumnMapping } from "./column-mapping";
import { NO_PROMPT_MESSAGE, normalizeRecord } from "./normalize-record";
import type { RawRecord, RecordSplitter } from "./raw-record";
import { Utf8StreamDecoder } from "./utf8-decoder";
import {
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_MAX_RECORDS,
  type ImportFormat,
  type ParseEvent,
  type ParseOptions,
  type PromptRecord,
  type RecordError,
} from "./types";

/**
 * Reads a prompt file incrementally: `push` each chunk as it arrives (text, or bytes straight from a
 * stream: a character split between two byte chunks is fine) and get back the records completed so
 * far; `end` returns the last ones. Bad records come back as errors and reading goes on; nothing here
 * throws on bad data. Memory stays at about one record in every format (the size limit bounds it).
 * Do not mix string and byte chunks in one parser.
 */
export class PromptFileParser {
  readonly format: ImportFormat;
  private readonly maxRecords: number;
  private readonly splitter: RecordSplitter | undefined;
  private readonly mapping: ColumnMapping | undefined;
  private rows = 0;
  private firstUnknownShape: { line: number; fields: string[] } | undefined;
  private events: ParseEvent[] = [];
  private decoder: Utf8StreamDecoder | undefined;
  private isAtStart = true;
  private isStopped = false;
  private records = 0;

  constructor(format: ImportFormat, options: ParseOptions = {}) {
    this.format = format;
    this.maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
    const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.mapping = options.mapping;
    const emit = (raw: RawRecord) => this.accept(raw);
    // Parquet is not text: its rows arrive already decoded, through pushRows.
    this.splitter =
      format === "parquet"
        ? undefined
        : format === "csv"
          ? new CsvSplitter(emit, maxRecordBytes, { rawColumns: options.mapping !== undefined })
          : format === "json"
            ? new JsonArraySplitter(emit, maxRecordBytes)
            : new JsonlSplitter(emit, maxRecordBytes);
  }

  /**
   * The first record that matched no shape Arbiter knows (no prompt field of any kind), with its field
   * names: what the import UI offers for a column mapping.
   */
  get unknownShape(): { line: number; fields: string[] } | undefined {
    return this.firstUnknownShape;
  }

  /** Rows already decoded from a binary format (Parquet), numbered 1, 2, ... in the order pushed. */
  pushRows(rows: readonly Record<string, unknown>[]): ParseEvent[] {
    for (const fields of rows) {
      if (this.isStopped) break;
      this.rows += 1;
      this.accept({ kind: "object", line: this.rows, fields });
    }
    return this.takeEvents();
  }

  /** Records and rows read so far, valid or not (the CSV header and blank lines excluded). */
  get recordCount(): number {
    return this.records;
  }

  push(chunk: string | Uint8Array): ParseEvent[] {
    if (this.isStopped) return this.takeEvents();
    if (!this.splitter) throw new Error(`${this.format} rows are pushed with pushRows, not as text`);
    if (typeof chunk === "string") {
      this.feed(chunk);
      return this.takeEvents();
    }
    // Not guessed at: reading a Latin-1 or UTF-16 file as UTF-8 would import garbled prompts silently.
    this.decoder ??= new Utf8StreamDecoder();
    const { text, isValid } = this.decoder.decode(chunk);
    this.feed(text);
    if (!isValid) this.reportAndStop(this.splitter!.position, "the file is not valid UTF-8 text; the rest was not read (save it as UTF-8 and import it again)");
    return this.takeEvents();
  }

  end(): ParseEvent[] {
    if (this.isStopped) return this.takeEvents();
    if (!this.splitter) {
      this.isStopped = true;
      return this.takeEvents();
    }
    if (this.decoder && !this.decoder.end()) {
      this.reportAndStop(this.splitter.position, reasonMessage("importRecord.truncatedUtf8"));
      return this.takeEvents();
    }
    this.splitter.end();
    this.isStopped = true;
    return this.takeEvents();
  }

  private feed(text: string): void {
    if (text === "") return;
    // Excel writes a byte-order mark; it is not part of the first column's name.
    if (this.isAtStart) {
      this.isAtStart = false;
      if (text.startsWith("\uFEFF")) text = text.slice(1);
    }
    this.splitter!.push(text);
  }

  private accept(raw: RawRecord): void {
    if (this.isStopped) return;
    if (raw.kind === "object" || raw.scope === "record") {
      this.records += 1;
      if (this.records > this.maxRecords) {
        this.reportAndStop(raw.line, reasonMessage("importRecord.tooManyRecords", { max: this.maxRecords }));
        return;
      }
    }
    if (raw.kind === "problem") {
      if (raw.unknownShapeFields && this.firstUnknownShape === undefined) this.firstUnknownShape = { line: raw.line, fields: raw.unknownShapeFields };
      this.events.push({ kind: "error", error: this.error(raw.line, raw.message, raw.field) });
      return;
    }
    const result = this.mapping ? normalizeMappedRecord(raw.fields, this.mapping) : normalizeRecord(raw.fields);
    if (result.ok) {
      this.events.push({ kind: "record", record: { line: raw.line, ...result.record } });
      return;
    }
    if (result.message === NO_PROMPT_MESSAGE && this.firstUnknownShape === undefined) {
      this.firstUnknownShape = { line: raw.line, fields: Object.keys(raw.fields).slice(0, 200) };
    }
    this.events.push({ kind: "error", error: this.error(raw.line, result.message, result.field) });
  }

  private reportAndStop(line: number, message: string): void {
    this.events.push({ kind: "error", error: this.error(line, message) });
    this.isStopped = true;
  }

  private error(line: number, message: string, field?: string): RecordError {
    return recordError(recordUnit(this.format), line, field, readFieldMessage(message));
  }

  private takeEvents(): ParseEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

/** What a record's number counts in each format: lines of a text file, rows of a table. */
export function recordUnit(format: ImportFormat): "line" | "row" {
  return format === "csv" || format === "parquet" ? "row" : "line";
}

/** A refused record: where, the problem as a reason, and the whole sentence in English (the API's `message`). */
export function recordError(unit: "line" | "row", line: number, field: string | undefined, problem: FieldReason): RecordError {
  const text = errorText("en", problem.key, problem.params);
  const message = errorText("en", recordErrorKey(unit, field), { line: String(line), field: field ?? "", problem: text });
  return field === undefined ? { line, unit, problem, message } : { line, unit, field, problem, message };
}

/** Parses a whole file held as one string (or one byte array). */
export function parsePromptFile(
  input: string | Uint8Array,
  format: ImportFormat,
  options: ParseOptions = {},
): { records: PromptRecord[]; errors: RecordError[] } {
  const parser = new PromptFileParser(format, options);
  const records: PromptRecord[] = [];
  const errors: RecordError[] = [];
  for (const event of [...parser.push(input), ...parser.end()]) {
    if (event.kind === "record") records.push(event.record);
    else errors.push(event.error);
  }
  return { records, errors };
}

/**
 * Streams events from any (async) iterable of chunks, such as a Node readable stream or a web
 * ReadableStream, one chunk at a time: the consumer's pace is the reader's pace.
 */
export async function* parsePromptStream(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  format: ImportFormat,
  options: ParseOptions = {},
): AsyncGenerator<ParseEvent, void, undefined> {
  const parser = new PromptFileParser(format, options);
  for await (const chunk of chunks) {
    yield* parser.push(chunk);
  }
  yield* parser.end();
}
