import { z } from "zod";
import type { ErrorKey, ErrorParams, Messages } from "../i18n/catalogues";

/** A field problem's reason: a key under `errors.field` in the catalogues and its parameters. */
export type FieldMessageKey = Extract<ErrorKey, `field.${string}`>;
export type FieldReason = { key: ErrorKey; params?: ErrorParams };
/** A field's name in words (errors.fieldLabel), given to a message as its `label` param. */
export type FieldLabel = keyof Messages["errors"]["fieldLabel"];

// zod keeps one string per issue. A schema's message is this mark and its key and params as JSON, so the
// text is written once (in the catalogues) and each edge picks the language: the HTTP API English, a form
// the user's. The mark is a private-use character that no English message holds.
const MARK = "\uE000";

/**
 * The message to give a zod check: `z.string().min(1, fieldMessage("field.enter", { label: "name" }))`.
 * A `label` param names a key under `errors.fieldLabel`, translated with the rest.
 */
export function fieldMessage(key: FieldMessageKey, params?: ErrorParams & { label?: FieldLabel }): string {
  return reasonMessage(key, params);
}

/**
 * The same for any reason where a message travels as a string (the import parser's record problems):
 * read back with readFieldMessage.
 */
export function reasonMessage(key: ErrorKey, params?: ErrorParams): string {
  // The mark can only occur inside a JSON string here, where its escape reads back the same: a list of
  // reasons (reasonListMessage) then splits on the mark alone.
  return MARK + JSON.stringify(params ? [key, params] : [key]).replaceAll(MARK, "\\ue000");
}

/**
 * Several reasons as one param value (`{ problems: reasonListMessage([...]) }`): errorText and the
 * browser's error text translate each and join them (errors.field.separator), so a message can hold a
 * list of problems that each reads in the user's language. One reason is a list of one.
 */
export function reasonListMessage(reasons: readonly FieldReason[]): string {
  return reasons.map((reason) => reasonMessage(reason.key, reason.params)).join("");
}

/** Whether a param value is a reason or a list of them (see reasonListMessage). */
export function isReasonMessage(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(MARK);
}

/** The reasons a reasonListMessage holds (a part that does not read back is kept as text). */
export function readReasonList(message: string): FieldReason[] {
  return message
    .split(MARK)
    .slice(1)
    .map((part) => readFieldMessage(MARK + part));
}

/** The reason a zod message carries; a plain message (zod's own, or an English one) as `field.text`. */
export function readFieldMessage(message: string): FieldReason {
  if (message.startsWith(MARK)) {
    try {
      const [key, params] = JSON.parse(message.slice(MARK.length)) as [ErrorKey, ErrorParams | undefined];
      return params ? { key, params } : { key };
    } catch {
      // Not ours after all: shown as it is.
    }
  }
  return { key: "field.text", params: { text: message } };
}

/** zod issues as `{ field: reason }` (the first problem of each field), for forms in any language. */
export function fieldReasons(error: z.ZodError): Record<string, FieldReason> {
  const fields: Record<string, FieldReason> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fields[key] ??= readFieldMessage(issue.message);
  }
  return fields;
}

/** The one-line summary of field problems that a BAD_REQUEST carries: `name: enter a name; overlap: ...`. */
export function describeFieldProblems(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, problem]) => (field === "form" ? problem : `${field}: ${problem}`))
    .join("; ");
}

/** A whole number from a form (text) or JSON (a number), within bounds, each problem naming the field. */
export function wholeNumberField(label: FieldLabel, min: number, max: number) {
  return z.coerce
    .number({ error: fieldMessage("field.number", { label }) })
    .int(fieldMessage("field.whole", { label }))
    .min(min, fieldMessage("field.atLeast", { label, min }))
    .max(max, fieldMessage("field.atMost", { label, max }));
}
