import { z } from "zod";
import { judgingModes } from "../vocabulary";

export const judgingModeSchema = z.enum(judgingModes, { error: `judging mode must be ${judgingModes.join(" or ")}` });

/** Form fields arrive as text; JSON bodies as numbers. Both are accepted. */
const intField = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

const optionalText = (label: string, max: number) => z.string().max(max, `${label} has at most ${max.toLocaleString("en")} characters`);

const fields = {
  name: z.string({ error: "enter a name" }).trim().min(1, "enter a name").max(120, "a name has at most 120 characters"),
  description: optionalText("the description", 2000),
  guidelines: optionalText("the guidelines", 100_000),
  /** Empty text means none. */
  defaultSystemMessage: optionalText("the default system message", 20_000)
    .nullable()
    .transform((value) => (value === null || value.trim() === "" ? null : value)),
  judgingMode: judgingModeSchema,
  candidatesPerPrompt: intField("candidates per prompt", 2, 16),
  overlap: intField("overlap", 1, 20),
};

export const createPromptSetSchema = z.object({
  ...fields,
  description: fields.description.default(""),
  guidelines: fields.guidelines.default(""),
  defaultSystemMessage: fields.defaultSystemMessage.default(null),
  judgingMode: fields.judgingMode.default("PAIRWISE"),
  candidatesPerPrompt: fields.candidatesPerPrompt.default(2),
  overlap: fields.overlap.default(1),
});

export const updatePromptSetSchema = z
  .object(fields)
  .partial()
  .extend({ archived: z.boolean().optional() })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "nothing to change");

export const setMembersSchema = z.object({
  userIds: z.array(z.uuid({ error: "each member must be a user id" })).max(10_000),
});

export const rewriteRuleSchema = z.object({
  pattern: z.string().min(1, "enter a pattern").max(1000, "a pattern has at most 1,000 characters"),
  replacement: z.string().max(10_000, "a replacement has at most 10,000 characters"),
  isRegex: z.boolean().default(false),
  wholeWord: z.boolean().default(true),
  caseSensitive: z.boolean().default(true),
});

export const importModes = ["all-or-nothing", "skip-invalid"] as const;
export const importModeSchema = z.enum(importModes, { error: "mode must be all-or-nothing or skip-invalid" });
export type ImportMode = z.infer<typeof importModeSchema>;

export const listPromptsSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(200).default(""),
});
