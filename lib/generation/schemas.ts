import { z } from "zod";

// Inputs of endpoints and generation runs, shared by the forms (strings) and the JSON API (numbers):
// an empty form field means "not set".

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** A checkbox: "on" from a form, true or "true" from JSON. */
const checkbox = () => z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false);

const optionalNumber = (name: string, min: number, max: number, { int = false } = {}) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${name} must be a number` })
      .refine((n) => !int || Number.isInteger(n), `${name} must be a whole number`)
      .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`)
      .optional(),
  );

export const samplingParamsSchema = z.object({
  temperature: optionalNumber("temperature", 0, 2),
  top_p: optionalNumber("top_p", 0, 1),
  max_tokens: optionalNumber("max tokens", 1, 1_000_000, { int: true }),
});

const baseUrlSchema = z
  .string({ error: "enter the base URL" })
  .trim()
  .min(1, "enter the base URL")
  .max(2000, "a base URL has at most 2000 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "the base URL must be an http:// or https:// URL, e.g. https://api.openai.com/v1")
  // It would be stored, shown and audited in plain text; the key has its own encrypted field.
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    return !url || (url.username === "" && url.password === "");
  }, "the base URL may not contain a user name or password (user:password@); put the key in the API key field")
  // One form for comparisons, checks and requests: the URL as WHATWG parsing writes it (0x7f000001 and
  // 2130706433 become 127.0.0.1), without a trailing slash.
  .transform((value) => new URL(value).href.replace(/\/+$/, ""));

const endpointFields = {
  name: z.string({ error: "enter a name" }).trim().min(1, "enter a name").max(120, "a name has at most 120 characters"),
  baseUrl: baseUrlSchema,
  model: z.string({ error: "enter the model name" }).trim().min(1, "enter the model name").max(300, "a model name has at most 300 characters"),
  /** Empty: no key (local servers), or on update: keep the stored one. */
  apiKey: z.preprocess(blankToUndefined, z.string().trim().max(4000, "an API key has at most 4000 characters").optional()),
  defaults: samplingParamsSchema.default({}),
  maxConcurrency: z.preprocess(blankToUndefined, z.coerce.number({ error: "max concurrency must be a number" }).int("max concurrency must be a whole number").min(1, "max concurrency must be at least 1").max(1000, "max concurrency must be at most 1000").default(4)),
  timeoutMs: z.preprocess(blankToUndefined, z.coerce.number({ error: "timeout must be a number" }).int("timeout must be a whole number of milliseconds").min(1000, "timeout must be at least 1000 ms").max(3_600_000, "timeout must be at most 3600000 ms (one hour)").default(120_000)),
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
  z.array(z.string().min(1).max(200, "a stop sequence has at most 200 characters")).max(4, "at most 4 stop sequences (the OpenAI API's limit)").default([]),
);

export const startRunSchema = z.object({
  endpointIds: z.array(z.string().uuid("choose endpoints from the list")).min(1, "choose at least one endpoint").max(20, "at most 20 endpoints per run"),
  candidatesPerModel: z.preprocess(blankToUndefined, z.coerce.number({ error: "N must be a number" }).int("N must be a whole number").min(1, "N must be at least 1").max(64, "N must be at most 64")),
  spreadAcrossModels: checkbox(),
  ...samplingParamsSchema.shape,
  seed: optionalNumber("seed", 0, 2_000_000_000, { int: true }),
  stop: stopSchema,
  systemOverride: z.preprocess(blankToUndefined, z.string().max(20_000, "a system message has at most 20000 characters").optional()),
});
export type RunParams = Omit<z.output<typeof startRunSchema>, "endpointIds" | "candidatesPerModel" | "spreadAcrossModels">;

/**
 * A Batch request file (OpenAI Batch API, vLLM `run_batch`): one model per file (both require it), N samples
 * per prompt, for every prompt of the set or only those with fewer candidates than N.
 */
export const batchFileSchema = z.object({
  model: z.string({ error: "enter the model name the Batch service will run" }).trim().min(1, "enter the model name the Batch service will run").max(300, "a model name has at most 300 characters"),
  scope: z.enum(["missing", "all"], { error: 'scope must be "missing" (prompts with fewer candidates than N) or "all"' }).default("missing"),
  samples: z.preprocess(blankToUndefined, z.coerce.number({ error: "N must be a number" }).int("N must be a whole number").min(1, "N must be at least 1").max(64, "N must be at most 64").default(1)),
  ...samplingParamsSchema.shape,
  seed: optionalNumber("seed", 0, 2_000_000_000, { int: true }),
  stop: stopSchema,
  systemOverride: z.preprocess(blankToUndefined, z.string().max(20_000, "a system message has at most 20000 characters").optional()),
});
export type BatchFileInput = z.input<typeof batchFileSchema>;
export type BatchFileSettings = z.output<typeof batchFileSchema>;
