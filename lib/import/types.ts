import { z } from "zod";
import type { ChatMessage } from "../conversation";
import type { ErrorKey, ErrorParams } from "../i18n/catalogues";
import type { ColumnMapping } from "./column-mapping";

export const importFormatSchema = z.enum(["jsonl", "json", "csv", "parquet"]);
/** `json` is one JSON array of records; `jsonl` is one JSON object per line; `parquet` is Apache Parquet (one row per record). */
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** An answer the file already holds: an SFT output, a listed response, or one side of a preference pair. */
export type ImportedAnswer = {
  content: string;
  label?: "chosen" | "rejected";
  model?: string;
  /** A score the file gives this answer (UltraFeedback's score_chosen / score_rejected). */
  score?: number;
};

/**
 * A preference label that came with the file (HH-RLHF chosen/rejected, UltraFeedback scores, an Arena
 * winner): stored as a judgment of source IMPORTED over the record's answers. `answer` indexes `answers`.
 */
export type ImportedJudgment = {
  outcome: "PREFERENCE" | "TIE" | "ALL_BAD";
  ranks: { answer: number; rank: number | null }[];
};

/** Public dataset shapes read by their own rules (the rest are the generic shapes of normalize-record.ts). */
export type DatasetShape = "hh-rlhf" | "ultrafeedback" | "chatbot-arena" | "gsm8k" | "math" | "column-mapping";

/** Ways a record was read that its author might not expect; the import reports each with a count. */
export const importNoticeText = {
  "assistant-turn-as-answer": "a message list ended with an assistant turn: everything up to the last user turn became the prompt and that assistant turn an imported answer",
  "final-answer-extracted": "the reference answer is the final answer taken from a worked solution (GSM8K `#### 72` or the last \\boxed{}); the full solution is kept in metadata.solution",
  "no-final-answer": "a `solution` field has no `#### ` line or \\boxed{} answer, so the prompt has no reference answer (the solution is kept in metadata)",
  "identical-answers": "the two labelled answers are the same text: imported as a tie",
  "equal-scores": "score_chosen equals score_rejected: imported as a tie",
  "empty-labelled-answer": "a labelled answer is empty, so the file's preference label was not imported",
} as const;
export type ImportNotice = keyof typeof importNoticeText;

export type PromptRecord = {
  /** 1-based: the line where the record starts (JSONL, JSON) or its row (CSV, where the header is row 1). */
  line: number;
  externalId?: string;
  /** Valid per `conversationSchema`: an optional leading system message, ends on a user turn. Exact text. */
  messages: ChatMessage[];
  referenceAnswer?: string;
  metadata: Record<string, unknown>;
  answers: ImportedAnswer[];
  /** The file's own preference label over `answers`, if it has one. */
  judgment?: ImportedJudgment;
  /**
   * `"gold": true` on a record with two answers and a label: the prompt is a gold item whose expected
   * verdict is that label, over the two answers in file order (A = the first); the label is then not
   * stored as an imported judgment.
   */
  gold?: { kind: "pairwise"; verdict: "A" | "B" | "TIE" | "BOTH_BAD" };
  /** Set when the record was read as one of the public dataset shapes. */
  shape?: DatasetShape;
  /** What about this record's reading deserves a word to the user (absent when nothing). */
  notices?: ImportNotice[];
  /** `conversationHash(messages)`: equal for conversations that differ only by whitespace at the ends of turns. */
  contentHash: string;
};

export type RecordError = {
  /** Same numbering as `PromptRecord.line`. */
  line: number;
  /** The offending field as the file names it, e.g. `messages[2].role` or a CSV column. */
  field?: string;
  /** How the file counts records (`row` for CSV and Parquet), for the sentence that places the problem. */
  unit: "line" | "row";
  /** The problem itself as a catalogue reason (errors.importRecord.*; plain English ones as field.text). */
  problem: { key: ErrorKey; params?: ErrorParams };
  /** The whole sentence in English, location included: `line 7: field "messages[2].role": ...`. */
  message: string;
};

export type ParseEvent = { kind: "record"; record: PromptRecord } | { kind: "error"; error: RecordError };

export type ParseOptions = {
  /** Largest record (a JSONL line, a JSON array element, a CSV row) in UTF-8 bytes. */
  maxRecordBytes?: number;
  /** Records beyond this count are not read; one error says so. */
  maxRecords?: number;
  /** Read every record through this column mapping instead of recognising its shape. */
  mapping?: ColumnMapping;
};

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
export const DEFAULT_MAX_RECORDS = 1_000_000;
