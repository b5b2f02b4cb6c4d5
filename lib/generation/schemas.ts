import { z } from "zod";
import { fieldMessage as m, wholeNumberField, type FieldLabel } from "../schemas/field-message";

// Inputs of endpoints and generation runs, shared by the forms (strings) and the JSON API (numbers):
// an empty form field means "not set".

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** A checkbox: "on" from a form, true or "true" from JSON. */
const checkbox = () => z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false);

const optionalNumber = (label: FieldLabel, min: number, max: number, { int = false } = {}) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: m("field.number", { label }) })
      .refine((n) => !int || Number.isInteger(n), m("field.whole", { label }))
      .refine((n) => n >= min && n <= max, m("field.between", { label, min, max }))
      .optional(),
  );

export const samplingParamsSchema = z.object({
  temperature: optionalNumber("temperature", 0, 2),
  top_p: optionalNumber("top_p", 0, 1),
  max_tokens: optionalNumber("maxTokens", 1, 1_000_000, { int: true }),
});

const baseUrlSchema = z
  .string({ error: m("field.enter", { label: "baseUrl" }) })
  .trim()
  .min(1, m("field.enter", { label: "baseUrl" }))
  .max(2000, m("field.maxChars", { label: "baseUrl", max: 2000 }))
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, m("field.baseUrlHttp"))
  // It would be stored, shown and audited in plain text; the key has its own encrypted field.
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    return !url || (url.username === "" && url.password === "");
  }, m("field.baseUrlCredentials"))
  // One form for comparisons, checks and requests: the URL as WHATWG parsing writes it (0x7f000001 and
  // 2130706433 become 127.0.0.1), without a trailing slash.
  .transform((value) => new URL(value).href.replace(/\/+$/, ""));

const endpointFields = {
  name: z.string({ error: m("field.enter", { label: "name" }) }).trim().min(1, m("field.enter", { label: "name" })).max(120, m("field.maxChars", { label: "name", max: 120 })),
  baseUrl: baseUrlSchema,
  model: z.string({ error: m("field.enter", { label: "model" }) }).trim().min(1, m("field.enter", { label: "model" })).max(300, m("field.maxChars", { label: "model", max: 300 })),
  /** Empty: no key (local servers), or on update: keep the stored one. */
  apiKey: z.preprocess(blankToUndefined, z.string().trim().max(4000, m("field.maxChars", { label: "apiKey", max: 4000 })).optional()),
  defaults: samplingParamsSchema.default({}),
  maxConcurrency: z.preprocess(blankToUndefined, wholeNumberField("maxConcurrency", 1, 1000).default(4)),
  timeoutMs: z.preprocess(blankToUndefined, wholeNumberField("timeoutMs", 1000, 3_600_000).default(120_000)),
};

export const createEndpointSchema = z.object(endpointFields);
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const updateEndpointSchema = z.object({
  ...endpointFields,
  /** Explicitly remove the stored key (a server that needs none). */
  clearApiKey: checkbox(),
});

const stopSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.split("\n").map((line) => line.replace(/\r$/, "")).filter((line) => line !== "") : value),
  z.array(z.string().min(1).max(200, m("field.maxChars", { label: "stopSequence", max: 200 }))).max(4, m("field.stopSequences", { max: 4 })).default([]),
);

export const startRunSchema = z.object({
  endpointIds: z.array(z.string().uuid(m("field.chooseEndpoints"))).min(1, m("field.chooseAnEndpoint")).max(20, m("field.endpointsPerRun", { max: 20 })),
  candidatesPerModel: z.preprocess(blankToUndefined, wholeNumberField("samples", 1, 64)),
  spreadAcrossModels: checkbox(),
  ...samplingParamsSchema.shape,
  seed: optionalNumber("seed", 0, 2_000_000_000, { int: true }),
  stop: stopSchema,
  systemOverride: z.preprocess(blankToUndefined, z.string().max(20_000, m("field.maxChars", { label: "systemMessage", max: 20_000 })).optional()),
});
export type RunParams = Omit<z.output<typeof startRunSchema>, "endpointIds" | "candidatesPerModel" | "spreadAcrossModels">;

/**
 * A Batch request file (OpenAI Batch API, vLLM `run_batch`): one model per file (both require it), N samples
 * per prompt, for every prompt of the set or only those with fewer candidates than N.
 */
export const batchFileSchema = z.object({
  model: z.string({ error: m("field.enter", { label: "batchModel" }) }).trim().min(1, m("field.enter", { label: "batchModel" })).max(300, m("field.maxChars", { label: "model", max: 300 })),
  scope: z.enum(["missing", "all"], { error: m("field.batchScope") }).default("missing"),
  samples: z.preprocess(blankToUndefined, wholeNumberField("samples", 1, 64).default(1)),
  ...samplingParamsSchema.shape,
  seed: optionalNumber("seed", 0, 2_000_000_000, { int: true }),
  stop: stopSchema,
  systemOverride: z.preprocess(blankToUndefined, z.string().max(20_000, m("field.maxChars", { label: "systemMessage", max: 20_000 })).optional()),
});
export type BatchFileInput = z.input<typeof batchFileSchema>;
export type BatchFileSettings = z.output<typeof batchFileSchema>;
