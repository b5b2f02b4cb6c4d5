import { describeOversize, utf8UnitBytes } from "./byte-size";
import { fileProblem, parseJsonRecord, recordProblem, type EmitRawRecord, type RecordSplitter } from "./raw-record";

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/**
 * A JSON array of records, read element by element: a scanner finds where each top-level element
 * ends (tracking strings and brackets only) and JSON.parse checks the element itself. So one broken
 * element is reported with its line and the rest of the array is still read, and only one element
 * is ever held in memory.
 */
export class JsonArraySplitter implements RecordSplitter {
  private readonly emit: EmitRawRecord;
  private readonly maxRecordBytes: number;
  private phase: "before" | "inside" | "after" | "halted" = "before";
  private lineNumber = 1;
  private isInElement = false;
  private element = "";
  private elementBytes = 0;
  private elementLine = 1;
  private isOversized = false;
  /** Brackets opened inside the current element. */
  private depth = 0;
  private isInString = false;
  private isEscaped = false;
  /** A comma was read and no element has followed it yet. */
  private isAfterComma = false;

  constructor(emit: EmitRawRecord, maxRecordBytes: number) {
    this.emit = emit;
    this.maxRecordBytes = maxRecordBytes;
  }

  get position(): number {
    return this.lineNumber;
  }

  push(text: string): void {
    let runStart = 0;
    const flushRun = (end: number) => {
      if (this.isInElement && !this.isOversized && end > runStart) this.element += text.slice(runStart, end);
    };
    for (let i = 0; i < text.length; i++) {
      if (this.phase === "halted") return;
      const char = text.charAt(i);
      if (this.isInElement) {
        if (!this.isInString && this.depth === 0 && (char === "," || char === "]")) {
          flushRun(i);
          this.finishElement();
          if (char === "]") this.phase = "after";
          else this.isAfterComma = true;
          continue;
        }
        this.elementBytes += utf8UnitBytes(text.charCodeAt(i));
        if (!this.isOversized && this.elementBytes > this.maxRecordBytes) {
          this.isOversized = true;
          this.element = "";
        }
        if (this.isInString) {
          if (this.isEscaped) this.isEscaped = false;
          else if (char === "\\") this.isEscaped = true;
          else if (char === '"') this.isInString = false;
        } else if (char === '"') {
          this.isInString = true;
        } else if (char === "{" || char === "[") {
          this.depth += 1;
        } else if ((char === "}" || char === "]") && this.depth > 0) {
          this.depth -= 1;
        }
      } else if (!WHITESPACE.has(char)) {
        this.readBetweenElements(char, text.charCodeAt(i));
        runStart = i;
      }
      if (char === "\n") this.lineNumber += 1;
    }
    flushRun(text.length);
  }

  end(): void {
    if (this.phase !== "inside") return;
    if (this.isInElement) {
      this.emit(recordProblem(this.elementLine, 'the file ends inside this record (is the array missing its closing "]"?)'));
    } else {
      this.emit(fileProblem(this.lineNumber, 'the file ends before the array is closed with "]"'));
    }
  }

  private readBetweenElements(char: string, code: number): void {
    if (this.phase === "before") {
      if (char === "[") {
        this.phase = "inside";
        return;
      }
      const hint = char === "{" ? " (for one object per line, import the file as JSONL)" : "";
      this.halt(`expected a JSON array of records starting with "[", got "${char}"${hint}`);
      return;
    }
    if (this.phase === "after") {
      this.halt('unexpected text after the array\'s closing "]"');
      return;
    }
    if (char === "]") {
      if (this.isAfterComma) this.emit(recordProblem(this.lineNumber, 'a comma before "]" leaves an empty element'));
      this.phase = "after";
      return;
    }
    if (char === ",") {
      this.emit(recordProblem(this.lineNumber, "an empty element: a comma with no value before it"));
      this.isAfterComma = true;
      return;
    }
    this.isInElement = true;
    this.isAfterComma = false;
    this.elementLine = this.lineNumber;
    this.elementBytes = utf8UnitBytes(code);
    if (char === '"') this.isInString = true;
    else if (char === "{" || char === "[") this.depth = 1;
  }

  private finishElement(): void {
    if (this.isOversized) {
      this.emit(recordProblem(this.elementLine, describeOversize(this.elementBytes, this.maxRecordBytes)));
    } else {
      this.emit(parseJsonRecord(withoutTrailingWhitespace(this.element), this.elementLine));
    }
    this.isInElement = false;
    this.element = "";
    this.elementBytes = 0;
    this.isOversized = false;
    this.depth = 0;
    this.isInString = false;
    this.isEscaped = false;
  }

  private halt(message: string): void {
    this.emit(fileProblem(this.lineNumber, message));
    this.phase = "halted";
  }
}

/** Only JSON's own whitespace: trimEnd would also drop characters that make the element invalid. */
function withoutTrailingWhitespace(text: string): string {
  let end = text.length;
  while (end > 0 && WHITESPACE.has(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}
