import { z } from "zod";
import type { ChatMessage } from "../conversation";

export const importFormatSchema = z.enum(["jsonl", "json", "csv"]);
/** `json` is one JSON array of records; `jsonl` is one JSON object per line. */
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** An answer the file already holds: an SFT output, a listed response, or one side of a preference pair. */
export type ImportedAnswer = {
  content: string;
  label?: "chosen" | "rejected";
  model?: string;
};

export type PromptRecord = {
  /** 1-based: the line where the record starts (JSONL, JSON) or its row (CSV, where the header is row 1). */
  line: number;
  externalId?: string;
  /** Valid per `conversationSchema`: an optional leading system message, ends on a user turn. Exact text. */
  messages: ChatMessage[];
  referenceAnswer?: string;
  metadata: Record<string, unknown>;
  answers: ImportedAnswer[];
  /** `conversationHash(messages)`: equal for conversations that differ only by whitespace at the ends of turns. */
  contentHash: string;
};

export type RecordError = {
  /** Same numbering as `PromptRecord.line`. */
  line: number;
  /** The offending field as the file names it, e.g. `messages[2].role` or a CSV column. */
  field?: string;
  /** The whole sentence, location included, ready to show: `line 7: field "messages[2].role": ...`. */
  message: string;
};

export type ParseEvent = { kind: "record"; record: PromptRecord } | { kind: "error"; error: RecordError };

export type ParseOptions = {
  /** Largest record (a JSONL line, a JSON array element, a CSV row) in UTF-8 bytes. */
  maxRecordBytes?: number;
  /** Records beyond this count are not read; one error says so. */
  maxRecords?: number;
};

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
export const DEFAULT_MAX_RECORDS = 1_000_000;
