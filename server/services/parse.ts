import "server-only";
import type { z } from "zod";
import type { ErrorKey } from "@/lib/i18n/catalogues";
import { errorText } from "@/lib/i18n/translate";
import type { FieldReason } from "@/lib/schemas/field-message";
import { describeFieldProblems, fieldErrors, fieldReasons } from "@/lib/schemas/field-errors";
import { AppError } from "../errors";

/**
 * Parses a service's input, turning zod issues into one BAD_REQUEST that names each field: key
 * `invalidFields` with the English summary, and each field's reason (translated by a form's action).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("BAD_REQUEST", { key: "invalidFields", params: { problems: describeFieldProblems(fieldErrors(result.error)) } }, fieldReasons(result.error));
}

/** One field's problem found after parsing (a cross-check), as the same BAD_REQUEST parseOrThrow throws. */
export function invalidField(field: string, reason: FieldReason): AppError {
  const problems = describeFieldProblems({ [field]: errorText("en", reason.key, reason.params) });
  return new AppError("BAD_REQUEST", { key: "invalidFields", params: { problems } }, { [field]: reason });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What requireId's callers look up, with the reason it gives when the id names nothing. */
const notFoundKeys = {
  assignment: "notFound.assignment",
  candidate: "notFound.candidate",
  endpoint: "notFound.endpoint",
  export: "notFound.export",
  judge: "notFound.judge",
  prompt: "notFound.prompt",
  "prompt set": "notFound.promptSet",
  "rewrite rule": "notFound.rewriteRule",
  "generation run": "notFound.generationRun",
  "API token": "notFound.apiToken",
  member: "notFound.member",
  user: "notFound.user",
} as const satisfies Record<string, ErrorKey>;

/** An id from a URL or form that is not even a uuid names nothing: NOT_FOUND, not a database error. */
export function requireId(id: string, what: keyof typeof notFoundKeys): string {
  if (!uuidPattern.test(id)) throw new AppError("NOT_FOUND", { key: notFoundKeys[what] });
  return id;
}
