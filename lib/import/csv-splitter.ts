import { describeOversize } from "./byte-size";
import { CsvTokenizer, type CsvRow } from "./csv-tokenizer";
import { fileProblem, recordProblem, type EmitRawRecord, type RecordSplitter } from "./raw-record";

/** Columns with a meaning, matched case-insensitively; every other column goes into metadata. */
const KNOWN_COLUMNS = new Set([
  "prompt",
  "system",
  "id",
  "reference",
  "answer",
  "response",
  "responses",
  "chosen",
  "rejected",
  "instruction",
  "input",
  "output",
]);
const ANSWER_COLUMNS = new Set(["response", "responses"]);

type Column = { kind: "known"; key: string } | { kind: "metadata"; key: string };

/**
 * CSV with a header row. Each data row becomes the same fields a JSON record would have; with
 * `rawColumns` (a column mapping names the fields) each row is simply { column: cell }.
 */
export class CsvSplitter implements RecordSplitter {
  private readonly emit: EmitRawRecord;
  private readonly maxRecordBytes: number;
  private readonly tokenizer: CsvTokenizer;
  private columns: Column[] | undefined;
  /** After a bad header no row can be read meaningfully. */
  private isHalted = false;
  private readonly rawColumns: boolean;

  constructor(emit: EmitRawRecord, maxRecordBytes: number, { rawColumns = false }: { rawColumns?: boolean } = {}) {
    this.emit = emit;
    this.maxRecordBytes = maxRecordBytes;
    this.rawColumns = rawColumns;
    this.tokenizer = new CsvTokenizer((row) => this.onRow(row), maxRecordBytes);
  }

  get position(): number {
    return this.tokenizer.row;
  }

  push(text: string): void {
    if (!this.isHalted) this.tokenizer.push(text);
  }

  end(): void {
    if (!this.isHalted) this.tokenizer.end();
  }

  private onRow(row: CsvRow): void {
    if (this.isHalted || row.isBlank) return;
    if (this.columns === undefined) {
      this.readHeader(row);
      return;
    }
    if (row.isOversized) {
      this.emit(recordProblem(row.row, describeOversize(row.bytes, this.maxRecordBytes)));
    } else if (row.problem !== undefined) {
      this.emit(recordProblem(row.row, row.problem));
    } else {
      this.emit(this.toRecord(row, this.columns));
    }
  }

  private readHeader(row: CsvRow): void {
    const problem = row.isOversized ? describeOversize(row.bytes, this.maxRecordBytes, "the header row") : (row.problem ?? headerProblem(row.cells, this.rawColumns));
    if (problem !== undefined) {
      this.isHalted = true;
      const isUnknownShape = problem === MISSING_PROMPT_COLUMN;
      this.emit(isUnknownShape ? { kind: "problem", scope: "file", line: row.row, message: problem, unknownShapeFields: row.cells.map((cell) => cell.trim()) } : fileProblem(row.row, problem));
      return;
    }
    this.columns = row.cells.map((cell, index): Column => {
      const name = cell.trim();
      if (this.rawColumns) return { kind: "metadata", key: name === "" ? `column_${index + 1}` : name };
      if (KNOWN_COLUMNS.has(name.toLowerCase())) return { kind: "known", key: name.toLowerCase() };
      return { kind: "metadata", key: name === "" ? `column_${index + 1}` : name };
    });
  }

  private toRecord(row: CsvRow, columns: Column[]) {
    const { cells } = row;
    const extra = cells.slice(columns.length);
    // A trailing comma on some rows is harmless; anything else means the columns have shifted.
    if (cells.length < columns.length || extra.some((cell) => cell !== "")) {
      const hint = cells.length > columns.length ? " (a field that holds a comma must be in double quotes)" : "";
      return recordProblem(row.row, `expected ${columns.length} fields as in the header, got ${cells.length}${hint}`);
    }
    const fields: Record<string, unknown> = {};
    if (this.rawColumns) {
      columns.forEach((column, index) => {
        const cell = cells[index] ?? "";
        if (cell !== "") fields[column.key] = cell;
      });
      return { kind: "object" as const, line: row.row, fields };
    }
    const metadata: [string, string][] = [];
    const responses: string[] = [];
    columns.forEach((column, index) => {
      const cell = cells[index] ?? "";
      // An empty cell is an absent value, as a spreadsheet user means it.
      if (cell === "") return;
      if (column.kind === "metadata") metadata.push([column.key, cell]);
      else if (ANSWER_COLUMNS.has(column.key)) responses.push(cell);
      else fields[column.key] = cell;
    });
    if (fields.prompt === undefined && fields.instruction === undefined) {
      // Name the empty prompt rather than report a record with no prompt field at all.
      fields[columns.some((column) => column.key === "prompt") ? "prompt" : "instruction"] = "";
    }
    if (responses.length > 0) fields.responses = responses;
    if (metadata.length > 0) fields.metadata = Object.fromEntries(metadata);
    return { kind: "object" as const, line: row.row, fields };
  }
}

const MISSING_PROMPT_COLUMN = `missing column "prompt" (or "instruction"); the first row must name the columns, e.g. prompt,system,id; for other columns, map them`;

function headerProblem(cells: string[], rawColumns: boolean): string | undefined {
  const seen = new Set<string>();
  for (const cell of cells) {
    const name = cell.trim();
    const key = !rawColumns && KNOWN_COLUMNS.has(name.toLowerCase()) ? name.toLowerCase() : name;
    if (name !== "" && seen.has(key)) return `duplicate column "${name}"`;
    seen.add(key);
  }
  if (!rawColumns && !seen.has("prompt") && !seen.has("instruction")) return MISSING_PROMPT_COLUMN;
  return undefined;
}
