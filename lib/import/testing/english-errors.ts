import { parsePromptFile as parse } from "../prompt-file-parser";
import type { RecordError } from "../types";

/** A refused record as the parser's older tests read it: where and the English sentence (its reason is tested in record-reasons.test.ts). */
export function englishError({ line, field, message }: RecordError): Pick<RecordError, "line" | "field" | "message"> {
  return field === undefined ? { line, message } : { line, field, message };
}

/** parsePromptFile with each error reduced to englishError. */
export function parsePromptFile(...args: Parameters<typeof parse>) {
  const result = parse(...args);
  return { ...result, errors: result.errors.map(englishError) as RecordError[] };
}
