/**
 * Prompt-file import, pure: text or bytes in, normalized prompt records and located errors out.
 * Formats: JSONL, a JSON array, CSV with a header. Record shapes: {prompt}, OpenAI/TRL {messages},
 * ShareGPT {conversations}, Alpaca {instruction, input, output}, TRL implicit-prompt {chosen, rejected},
 * OpenAI preference {input: {messages}}; see normalize-record.ts for every field.
 */
export { dedupe, dedupeStream, Deduper, type DedupeStats, type DedupeVerdict } from "./dedupe";
export { detectFormat } from "./detect-format";
export { normalizeRecord, type NormalizeResult, type NormalizedRecord } from "./normalize-record";
export { parsePromptFile, parsePromptStream, PromptFileParser } from "./prompt-file-parser";
export {
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_MAX_RECORDS,
  importFormatSchema,
  type ImportedAnswer,
  type ImportFormat,
  type ParseEvent,
  type ParseOptions,
  type PromptRecord,
  type RecordError,
} from "./types";
