import { utf8UnitBytes } from "./byte-size";
import { reasonMessage } from "../schemas/field-message";

export type CsvRow = {
  /** 1-based, counting every row including the header and blank rows: what a spreadsheet shows. */
  row: number;
  cells: string[];
  /** UTF-8 size of the row's text without its line break. */
  bytes: number;
  /** The cells were dropped because the row is over the size limit. */
  isOversized: boolean;
  /** An empty line: skipped, though it still counts as a row. */
  isBlank: boolean;
  /** A malformed quote (a reasonMessage); the row should be reported, not imported. */
  problem?: string;
};

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * RFC 4180, incrementally: quoted fields may hold commas, doubled quotes and line breaks; rows end on
 * CRLF, LF or a lone CR. A quote inside an unquoted field is kept as text, as spreadsheets do
 * (5'10" is common in real data). State survives chunk boundaries anywhere, including between the
 * two quotes of an escaped `""` and between CR and LF.
 */
export class CsvTokenizer {
  private readonly onRow: (row: CsvRow) => void;
  private readonly maxRowBytes: number;
  private cells: string[] = [];
  private cell = "";
  private isAtCellStart = true;
  private hasQuote = false;
  private isInQuotes = false;
  private isAfterClosingQuote = false;
  private isAfterCr = false;
  private rowBytes = 0;
  private isOversized = false;
  private problem: string | undefined;
  private rowNumber = 1;

  constructor(onRow: (row: CsvRow) => void, maxRowBytes: number) {
    this.onRow = onRow;
    this.maxRowBytes = maxRowBytes;
  }

  get row(): number {
    return this.rowNumber;
  }

  push(text: string): void {
    // Text is copied into the cell in runs rather than character by character: long prompts stay cheap.
    let runStart = 0;
    const flushRun = (end: number) => {
      if (end > runStart && !this.isOversized) this.cell += text.slice(runStart, end);
    };
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.isAfterCr) {
        this.isAfterCr = false;
        if (code === LF) {
          runStart = i + 1;
          continue;
        }
      }
      if (this.isInQuotes) {
        if (code === QUOTE) {
          flushRun(i);
          runStart = i + 1;
          this.isInQuotes = false;
          this.isAfterClosingQuote = true;
        }
        this.count(code);
        continue;
      }
      if (this.isAfterClosingQuote) {
        this.isAfterClosingQuote = false;
        if (code === QUOTE) {
          // The second quote of `""`: one literal quote, and the field goes on.
          this.isInQuotes = true;
          this.count(code);
          runStart = i;
          continue;
        }
        if (code !== COMMA && code !== CR && code !== LF) {
          this.problem ??= reasonMessage("importRecord.csvTextAfterQuote", { column: String(this.cells.length + 1) });
        }
      }
      if (code === COMMA || code === CR || code === LF) {
        flushRun(i);
        runStart = i + 1;
        this.finishCell();
        if (code !== COMMA) {
          this.finishRow();
          this.isAfterCr = code === CR;
        } else {
          this.count(code);
        }
        continue;
      }
      if (code === QUOTE && this.isAtCellStart) {
        this.isInQuotes = true;
        this.hasQuote = true;
        runStart = i + 1;
      }
      this.isAtCellStart = false;
      this.count(code);
    }
    flushRun(text.length);
  }

  end(): void {
    if (this.isInQuotes) {
      // The rest of the file was swallowed by the open quote; nothing in it can be trusted.
      this.problem = reasonMessage("importRecord.csvQuoteNotClosed");
      this.finishCell();
      this.finishRow();
      return;
    }
    if (this.rowBytes > 0) {
      this.finishCell();
      this.finishRow();
    }
  }

  private count(code: number): void {
    this.rowBytes += utf8UnitBytes(code);
    if (!this.isOversized && this.rowBytes > this.maxRowBytes) {
      this.isOversized = true;
      this.cells = [];
      this.cell = "";
    }
  }

  private finishCell(): void {
    if (!this.isOversized) this.cells.push(this.cell);
    this.cell = "";
    this.isAtCellStart = true;
  }

  private finishRow(): void {
    const isBlank = !this.isOversized && !this.hasQuote && this.cells.length === 1 && this.cells[0]?.trim() === "";
    const row: CsvRow = { row: this.rowNumber, cells: this.cells, bytes: this.rowBytes, isOversized: this.isOversized, isBlank };
    if (this.problem !== undefined) row.problem = this.problem;
    this.onRow(row);
    this.rowNumber += 1;
    this.resetRow();
  }

  private resetRow(): void {
    this.cells = [];
    this.cell = "";
    this.isAtCellStart = true;
    this.hasQuote = false;
    this.isInQuotes = false;
    this.isAfterClosingQuote = false;
    this.rowBytes = 0;
    this.isOversized = false;
    this.problem = undefined;
  }
}
