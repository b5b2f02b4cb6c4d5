import { z } from "zod";
import { judgingModes } from "../vocabulary";
import { fieldMessage, wholeNumberField, type FieldLabel } from "./field-message";

export const judgingModeSchema = z.enum(judgingModes, { error: fieldMessage("field.oneOf", { label: "judgingMode", options: judgingModes.join(", ") }) });

const optionalText = (label: FieldLabel, max: number) => z.string().max(max, fieldMessage("field.maxChars", { label, max }));

const fields = {
  name: z
    .string({ error: fieldMessage("field.enter", { label: "name" }) })
    .trim()
    .min(1, fieldMessage("field.enter", { label: "name" }))
    .max(120, fieldMessage("field.maxChars", { label: "name", max: 120 })),
  description: optionalText("description", 2000),
  guidelines: optionalText("guidelines", 100_000),
  /** Empty text means none. */
  defaultSystemMessage: optionalText("defaultSystemMessage", 20_000)
    .nullable()
    .transform((value) => (value === null || value.trim() === "" ? null : value)),
  judgingMode: judgingModeSchema,
  candidatesPerPrompt: wholeNumberField("candidatesPerPrompt", 2, 16),
  overlap: wholeNumberField("overlap", 1, 20),
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
  .refine((value) => Object.values(value).some((field) => field !== undefined), fieldMessage("field.nothingToChange"));

export const setMembersSchema = z.object({
  userIds: z.array(z.uuid({ error: fieldMessage("field.memberId") })).max(10_000),
});

export const rewriteRuleSchema = z.object({
  pattern: z.string().min(1, fieldMessage("field.enter", { label: "pattern" })).max(1000, fieldMessage("field.maxChars", { label: "pattern", max: 1000 })),
  replacement: z.string().max(10_000, fieldMessage("field.maxChars", { label: "replacement", max: 10_000 })),
  isRegex: z.boolean().default(false),
  wholeWord: z.boolean().default(true),
  caseSensitive: z.boolean().default(true),
});

export const importModes = ["all-or-nothing", "skip-invalid"] as const;
export const importModeSchema = z.enum(importModes, { error: fieldMessage("field.oneOf", { label: "importMode", options: importModes.join(", ") }) });
export type ImportMode = z.infer<typeof importModeSchema>;

export const listPromptsSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(200).default(""),
});
