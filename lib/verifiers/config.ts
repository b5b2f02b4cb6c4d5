import { z } from "zod";
import { Ajv2020 } from "ajv/dist/2020.js";
import { errorText } from "../i18n/translate";
import { fieldMessage, readFieldMessage, reasonListMessage, type FieldReason } from "../schemas/field-message";

/**
 * Verifier configuration: a list of checks, set per prompt set (`prompt_sets.verifiers`) and
 * overridable per prompt through the prompt's metadata key `checks` (importable from the prompt file:
 * a top-level `checks` field or `metadata.checks`). A prompt's check replaces the set's check of the
 * same name and adds the others; `"enabled": false` turns a set's check off for that prompt.
 *
 * Every check has a `type` and an optional `name` (default: its type), unique within a list.
 */

// Each problem is a catalogue key (errors.field.*): the API's message reads it in English, the form in the user's language.
const notEmpty = fieldMessage("field.notEmpty");
const notNegative = fieldMessage("field.notNegative");
const whole = fieldMessage("field.mustBeWhole");

const base = {
  name: z.string().trim().min(1, notEmpty).max(100, fieldMessage("field.mustBeAtMostChars", { max: 100 })).optional(),
  enabled: z.boolean().default(true),
};

const bounds = {
  min: z.number().int(whole).min(0, notNegative).optional(),
  max: z.number().int(whole).min(0, notNegative).optional(),
};

function boundsGiven(check: { min?: number; max?: number }, ctx: z.RefinementCtx) {
  if (check.min === undefined && check.max === undefined) ctx.addIssue({ code: "custom", path: ["min"], message: fieldMessage("field.giveMinOrMax") });
  if (check.min !== undefined && check.max !== undefined && check.min > check.max) ctx.addIssue({ code: "custom", path: ["max"], message: fieldMessage("field.atLeastMin") });
}

const texts = z.array(z.string().min(1, notEmpty)).min(1, fieldMessage("field.atLeastOneText"));

export const mathCheckSchema = z
  .object({
    type: z.literal("math"),
    ...base,
    /** Relative numeric tolerance: |a - b| <= max(absTolerance, relTolerance * max(|a|, |b|)). */
    relTolerance: z.number().min(0, notNegative).max(0.5, fieldMessage("field.mustBeAtMost", { max: 0.5 })).default(1e-6),
    absTolerance: z.number().min(0, notNegative).default(1e-9),
    /** "lenient": 50% equals 0.5 and 50; "value": 50% equals 0.5 only. */
    percent: z.enum(["lenient", "value"]).default("lenient"),
    /** The reference; the prompt's reference answer when absent. */
    reference: z.string().min(1, notEmpty).optional(),
  })
  .strict();

export const exactCheckSchema = z
  .object({
    type: z.literal("exact"),
    ...base,
    /** The expected output; the prompt's reference answer when absent. */
    expected: z.string().optional(),
    /** "normalized": Unicode NFKC, case folded, whitespace collapsed, final punctuation ignored. */
    mode: z.enum(["exact", "normalized"]).default("normalized"),
  })
  .strict();

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const regexCheckSchema = z
  .object({
    type: z.literal("regex"),
    ...base,
    pattern: z.string().min(1, notEmpty).max(1000, fieldMessage("field.mustBeAtMostChars", { max: 1000 })),
    flags: z.string().regex(/^[imsu]*$/, fieldMessage("field.regexFlags")).default(""),
    /** false: the response must NOT match. */
    mustMatch: z.boolean().default(true),
  })
  .strict()
  .superRefine((check, ctx) => {
    try {
      new RegExp(check.pattern, check.flags);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["pattern"], message: fieldMessage("field.invalidRegex", { detail: detailOf(error) }) });
    }
  });

// Ajv keeps every schema it compiled (keyed by the object): compile each distinct schema text once here,
// and start afresh past a bound so a long-running worker does not grow without end.
let ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ReturnType<Ajv2020["compile"]>>();
const MAX_COMPILED = 500;

/** The validator of a JSON Schema, compiled once per distinct schema. Throws when the schema is invalid. */
export function compiledSchema(schema: Record<string, unknown>): ReturnType<Ajv2020["compile"]> {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  if (compiled.size >= MAX_COMPILED) {
    compiled.clear();
    ajv = new Ajv2020({ allErrors: true, strict: false });
  }
  const validate = ajv.compile(schema);
  compiled.set(key, validate);
  return validate;
}

export const jsonSchemaCheckSchema = z
  .object({
    type: z.literal("json-schema"),
    ...base,
    /** A JSON Schema (draft 2020-12) the response, parsed as JSON, must satisfy. */
    schema: z.record(z.string(), z.unknown()),
  })
  .strict()
  .superRefine((check, ctx) => {
    try {
      compiledSchema(check.schema);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["schema"], message: fieldMessage("field.invalidJsonSchema", { detail: detailOf(error) }) });
    }
  });

export const wordCountCheckSchema = z.object({ type: z.literal("word-count"), ...base, ...bounds }).strict().superRefine(boundsGiven);
export const charCountCheckSchema = z.object({ type: z.literal("char-count"), ...base, ...bounds }).strict().superRefine(boundsGiven);
export const bulletCountCheckSchema = z.object({ type: z.literal("bullet-count"), ...base, ...bounds }).strict().superRefine(boundsGiven);

export const mustIncludeCheckSchema = z
  .object({
    type: z.literal("must-include"),
    ...base,
    /** Every text must appear ("all", default) or at least one of them ("any"). */
    texts,
    match: z.enum(["all", "any"]).default("all"),
    caseSensitive: z.boolean().default(true),
  })
  .strict();

export const mustNotIncludeCheckSchema = z
  .object({ type: z.literal("must-not-include"), ...base, texts, caseSensitive: z.boolean().default(false) })
  .strict();

const between01 = fieldMessage("field.mustBeBetween", { min: 0, max: 1 });

export const languageCheckSchema = z
  .object({
    type: z.literal("language"),
    ...base,
    language: z.enum(["zh", "en"], { error: fieldMessage("field.checkLanguage") }),
    /** The share of the response's Han + Latin letters that must be of this language. */
    minShare: z.number().min(0, between01).max(1, between01).default(0.8),
  })
  .strict();

export const startsWithCheckSchema = z
  .object({ type: z.literal("starts-with"), ...base, text: z.string().min(1, notEmpty), caseSensitive: z.boolean().default(true) })
  .strict();
export const endsWithCheckSchema = z
  .object({ type: z.literal("ends-with"), ...base, text: z.string().min(1, notEmpty), caseSensitive: z.boolean().default(true) })
  .strict();
export const validJsonCheckSchema = z.object({ type: z.literal("valid-json"), ...base }).strict();

export const checkTypes = [
  "math",
  "exact",
  "regex",
  "json-schema",
  "word-count",
  "char-count",
  "must-include",
  "must-not-include",
  "language",
  "starts-with",
  "ends-with",
  "bullet-count",
  "valid-json",
] as const;
export type CheckType = (typeof checkTypes)[number];

export const checkSchema = z.discriminatedUnion(
  "type",
  [
    mathCheckSchema,
    exactCheckSchema,
    regexCheckSchema,
    jsonSchemaCheckSchema,
    wordCountCheckSchema,
    charCountCheckSchema,
    mustIncludeCheckSchema,
    mustNotIncludeCheckSchema,
    languageCheckSchema,
    startsWithCheckSchema,
    endsWithCheckSchema,
    bulletCountCheckSchema,
    validJsonCheckSchema,
  ],
  { error: (issue) => (issue.code === "invalid_union" ? fieldMessage("field.checkType", { options: checkTypes.join(", ") }) : undefined) },
);

export type Check = z.output<typeof checkSchema>;
export type CheckInput = z.input<typeof checkSchema>;

export function checkName(check: Pick<Check, "type" | "name">): string {
  return check.name ?? check.type;
}

/** A list of checks whose names are unique: two checks of one type need their own names. */
export const checkListSchema = z
  .array(checkSchema)
  .max(50, fieldMessage("field.atMostChecks", { max: 50 }))
  .superRefine((checks, ctx) => {
    const seen = new Map<string, number>();
    checks.forEach((check, index) => {
      const name = checkName(check);
      const first = seen.get(name);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: [index, "name"], message: fieldMessage("field.checkNameTaken", { name, index: String(first) }) });
      else seen.set(name, index);
    });
  });

/** The metadata key of a prompt that holds its own checks. */
export const PROMPT_CHECKS_KEY = "checks";

/** Where a problem is: `checks[2].pattern` (root "checks"), `[2].pattern` (root ""), the root alone for the list. */
function placeOf(path: readonly PropertyKey[], root: string): string {
  return path.reduce<string>((at, key) => (typeof key === "number" ? `${at}[${key}]` : at === "" ? String(key) : `${at}.${String(key)}`), root);
}

/** A problem with its place (none when the place is empty: the caller names it). */
function placed(place: string, problem: FieldReason): FieldReason {
  return place === "" ? problem : { key: "field.atPlace", params: { place, problem: reasonListMessage([problem]) } };
}

/** The problems of a check list as one reason: each problem with its place, `checks[2].pattern: not a valid ...; ...`. */
export function checkProblemsReason(error: z.ZodError, root = "checks"): FieldReason {
  return problemsReason(error.issues.map((issue) => placed(placeOf(issue.path, root), readFieldMessage(issue.message))));
}

function problemsReason(problems: readonly FieldReason[]): FieldReason {
  return { key: "field.problemList", params: { problems: reasonListMessage(problems) } };
}

/** zod issues as one sentence per problem, each naming where: `checks[2].pattern: not a valid ...` (English). */
export function describeCheckErrors(error: z.ZodError, root = "checks"): string {
  const reason = checkProblemsReason(error, root);
  return errorText("en", reason.key, reason.params);
}

/**
 * A parsed check list, or its problems: `message` in English (the HTTP API and scripts read it), `reason`
 * the same as a catalogue reason for a form in the user's language.
 */
export type ParsedChecks = { ok: true; checks: Check[] } | { ok: false; message: string; reason: FieldReason };

function failed(reason: FieldReason): ParsedChecks {
  return { ok: false, message: errorText("en", reason.key, reason.params), reason };
}

/**
 * Parses a check list from JSON text or a value, with a message naming each problem's place: under `root`
 * (`checks[0].pattern`); with root "" the places are relative (`[0].pattern`) and a problem of the whole
 * list has none, for a caller that names the field itself.
 */
export function parseCheckList(input: unknown, root = "checks"): ParsedChecks {
  let value = input;
  if (typeof input === "string") {
    if (input.trim() === "") return { ok: true, checks: [] };
    try {
      value = JSON.parse(input);
    } catch (error) {
      return failed(problemsReason([placed(root, { key: "field.invalidJson", params: { detail: detailOf(error) } })]));
    }
  }
  // `{ "checks": [...] }` is accepted as well as the bare list.
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "checks" in value) value = (value as { checks: unknown }).checks;
  if (!Array.isArray(value)) return failed(problemsReason([placed(root, { key: "field.expectedCheckList" })]));
  const parsed = checkListSchema.safeParse(value);
  return parsed.success ? { ok: true, checks: parsed.data } : failed(checkProblemsReason(parsed.error, root));
}

/** The set's checks with a prompt's own: same name replaces, new names are added, disabled ones dropped. */
export function resolveChecks(setChecks: readonly Check[], promptChecks: readonly Check[]): Check[] {
  const byName = new Map<string, Check>();
  for (const check of setChecks) byName.set(checkName(check), check);
  for (const check of promptChecks) byName.set(checkName(check), check);
  return [...byName.values()].filter((check) => check.enabled);
}
