/**
 * Prompt-file import, pure: text or bytes in, normalized prompt records and located errors out.
 * Formats: JSONL, a JSON array, CSV with a header. Record shapes: {prompt}, OpenAI/TRL {messages},
 * ShareGPT {conversations}, Alpaca {instruction, input, output}, TRL implicit-prompt {chosen, rejected},
 * OpenAI preference {input: {messages}}, Anthropic HH-RLHF transcripts, UltraFeedback binarized, Chatbot
 * Arena conversations, GSM8K / MATH; see normalize-record.ts for every field. Parquet rows are decoded
 * on the server and pushed with `PromptFileParser.pushRows`. Any other shape: a column mapping.
 */
export { columnMappingSchema, normalizeMappedRecord, type ColumnMapping, type ColumnMappingInput } from "./column-mapping";
export { extractFinalAnswer } from "./final-answer";
export { dedupe, dedupeStream, Deduper, type DedupeStats, type DedupeVerdict } from "./dedupe";
export { detectFormat } from "./detect-format";
export { normalizeRecord, type NormalizeResult, type NormalizedRecord } from "./normalize-record";
export { parsePromptFile, parsePromptStream, PromptFileParser, recordError, recordUnit } from "./prompt-file-parser";
export {
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_MAX_RECORDS,
  importFormatSchema,
  importNoticeText,
  type DatasetShape,
  type ImportedAnswer,
  type ImportedJudgment,
  type ImportNotice,
  type ImportFormat,
  type ParseEvent,
  type ParseOptions,
  type PromptRecord,
  type RecordError,
} from "./types";
