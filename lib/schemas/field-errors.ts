import type { z } from "zod";
import { errorText } from "../i18n/translate";
import { fieldReasons, readFieldMessage } from "./field-message";

export { describeFieldProblems, fieldReasons } from "./field-message";

/**
 * zod issues as `{ field: English message }`, for the JSON error envelope and English-only callers
 * (server side: it loads the catalogues; the browser translates `fieldReasons` with its own).
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldReasons(error)).map(([field, reason]) => [field, errorText("en", reason.key, reason.params)]));
}

/** One zod issue's message in English (a keyed message is looked up; a plain one is kept). */
export function englishText(message: string): string {
  const reason = readFieldMessage(message);
  return errorText("en", reason.key, reason.params);
}
