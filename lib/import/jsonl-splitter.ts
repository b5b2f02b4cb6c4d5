import { describeOversize, utf8ByteLength } from "./byte-size";
import { parseJsonRecord, recordProblem, type EmitRawRecord, type RecordSplitter } from "./raw-record";

/** JSON Lines: one object per line, blank lines ignored. Holds at most one line (bounded by the size limit). */
export class JsonlSplitter implements RecordSplitter {
  private readonly emit: EmitRawRecord;
  private readonly maxRecordBytes: number;
  private buffer = "";
  private bufferBytes = 0;
  /** Once a line is over the limit its text is dropped; only its size is still counted. */
  private isOversized = false;
  private lineNumber = 1;

  constructor(emit: EmitRawRecord, maxRecordBytes: number) {
    this.emit = emit;
    this.maxRecordBytes = maxRecordBytes;
  }

  get position(): number {
    return this.lineNumber;
  }

  push(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      this.append(newline === -1 ? text.slice(start) : text.slice(start, newline));
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  end(): void {
    if (this.buffer !== "" || this.isOversized) this.finishLine();
  }

  private append(piece: string): void {
    if (piece === "") return;
    this.bufferBytes += utf8ByteLength(piece);
    if (this.isOversized) return;
    if (this.bufferBytes > this.maxRecordBytes) {
      this.isOversized = true;
      this.buffer = "";
      return;
    }
    this.buffer += piece;
  }

  private finishLine(): void {
    const line = this.buffer.endsWith("\r") ? this.buffer.slice(0, -1) : this.buffer;
    if (this.isOversized) {
      this.emit(recordProblem(this.lineNumber, describeOversize(this.bufferBytes, this.maxRecordBytes)));
    } else if (line.trim() !== "") {
      this.emit(parseJsonRecord(line, this.lineNumber));
    }
    this.buffer = "";
    this.bufferBytes = 0;
    this.isOversized = false;
    this.lineNumber += 1;
  }
}
