import { findJsonSyntaxError } from "./json-syntax";
import { reasonListMessage, reasonMessage } from "../schemas/field-message";
import { isPlainObject, valueKind } from "./normalize-record";

/** What a format splitter hands on: a record's fields still to normalize, or a problem found while splitting. */
export type RawRecord =
  | { kind: "object"; line: number; fields: Record<string, unknown> }
  | {
      kind: "problem";
      line: number;
      field?: string;
      message: string;
      /** `file` problems (a bad CSV header, text after a JSON array) do not count against `maxRecords`. */
      scope: "record" | "file";
      /** Set when the problem is that the file is in no shape Arbiter knows: its field (column) names. */
      unknownShapeFields?: string[];
    };

export type EmitRawRecord = (raw: RawRecord) => void;

/** A format's incremental reader. It calls its `emit` for every complete record as text arrives. */
export type RecordSplitter = {
  push(text: string): void;
  end(): void;
  /** The line (or CSV row) being read, for problems that arise outside any record. */
  readonly position: number;
};

export function recordProblem(line: number, message: string, field?: string): RawRecord {
  return field === undefined ? { kind: "problem", scope: "record", line, message } : { kind: "problem", scope: "record", line, field, message };
}

export function fileProblem(line: number, message: string): RawRecord {
  return { kind: "problem", scope: "file", line, message };
}

/**
 * Objects and arrays inside one another, at most. Real records (messages, metadata) stay under ten;
 * beyond this, code that walks the value recursively (here, in Postgres's jsonb, in an export) could
 * run out of stack, so a deeper record is refused like any other invalid one.
 */
export const MAX_RECORD_DEPTH = 64;

/** Parses one record's JSON text; `firstLine` is where that text starts in the file. */
export function parseJsonRecord(text: string, firstLine: number): RawRecord {
  const depth = jsonNestingDepth(text, MAX_RECORD_DEPTH);
  if (depth > MAX_RECORD_DEPTH) return recordProblem(firstLine, reasonMessage("importRecord.tooDeep", { max: String(MAX_RECORD_DEPTH) }));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return recordProblem(firstLine, describeJsonError(text, firstLine, error));
  }
  if (!isPlainObject(value)) return recordProblem(firstLine, reasonMessage("importRecord.expectedJsonObject", { got: valueKind(value) }));
  return { kind: "object", line: firstLine, fields: value };
}

function describeJsonError(text: string, firstLine: number, error: unknown): string {
  const found = findJsonSyntaxError(text);
  if (found === undefined) {
    // Only if the two parsers disagree; V8 quotes the record back, so keep its message to one line.
    const message = error instanceof Error ? error.message : String(error);
    return reasonMessage("importRecord.jsonInvalid", { detail: message.replace(/\s+/g, " ").slice(0, 200) });
  }
  const before = text.slice(0, found.offset);
  const newlines = before.split("\n").length - 1;
  const column = found.offset - (before.lastIndexOf("\n") + 1) + 1;
  const problem = reasonListMessage([found.reason]);
  // Line and column as text: a position is not a quantity to group ("line 80000", not "80,000").
  if (newlines === 0) return reasonMessage("importRecord.jsonAtColumn", { column: String(column), problem });
  return reasonMessage("importRecord.jsonAtLineColumn", { line: String(firstLine + newlines), column: String(column), problem });
}

/**
 * How deeply `{` and `[` nest in JSON text, outside strings; counting stops just past `limit`. A scan
 * without recursion, so any depth is measured without touching the stack.
 */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (isInString) {
      if (char === 0x5c) i += 1; // backslash: skip the escaped character
      else if (char === 0x22) isInString = false;
    } else if (char === 0x22) {
      isInString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}
