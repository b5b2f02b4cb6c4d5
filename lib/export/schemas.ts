import { z } from "zod";
import { chatMessageSchema } from "../conversation";
import type { ExportFormatName, RecordShapeOptions } from "./types";

/**
 * One schema per export format, describing a record exactly: `.strict()` objects (no extra key), the
 * roles each position may hold, and the turn order the trainer expects. The record types the writers
 * in formats.ts return are inferred from them, so each record shape is defined once, here; at run time
 * only the tests use the schemas, validating every written record against them.
 */

const systemMessageSchema = z.object({ role: z.literal("system"), content: z.string() }).strict();
const userMessageSchema = z.object({ role: z.literal("user"), content: z.string() }).strict();
const assistantMessageSchema = z.object({ role: z.literal("assistant"), content: z.string() }).strict();

type Role = z.infer<typeof chatMessageSchema>["role"];

function systemOnlyFirst(roles: readonly string[], ctx: z.RefinementCtx, systemRole = "system"): void {
  roles.forEach((role, index) => {
    if (role === systemRole && index !== 0) ctx.addIssue({ code: "custom", path: [index], message: "a system message may only come first" });
  });
}

function lastRoleIs(roles: readonly string[], expected: string, ctx: z.RefinementCtx): void {
  if (roles.at(-1) !== expected) ctx.addIssue({ code: "custom", path: [Math.max(roles.length - 1, 0)], message: `the last message must be ${expected}` });
}

/** Strict alternation after an optional leading system turn, starting with `user` (what LLaMA-Factory checks). */
function alternates(roles: readonly string[], ctx: z.RefinementCtx, names: { system: string; user: string; assistant: string }): void {
  const offset = roles[0] === names.system ? 1 : 0;
  roles.slice(offset).forEach((role, turn) => {
    const expected = turn % 2 === 0 ? names.user : names.assistant;
    if (role !== expected) ctx.addIssue({ code: "custom", path: [turn + offset], message: `turn ${turn} must be ${expected}` });
  });
}

const roleNames = { system: "system", user: "user", assistant: "assistant" };

/** A prompt conversation: optional leading system message, ends on a user turn. */
export const promptMessagesSchema = z
  .array(chatMessageSchema)
  .min(1)
  .superRefine((messages, ctx) => {
    const roles = messages.map((m) => m.role);
    systemOnlyFirst(roles, ctx);
    lastRoleIs(roles, "user", ctx);
  });

/** A prompt conversation followed by the one judged assistant turn. */
export const conversationWithResponseSchema = z
  .array(chatMessageSchema)
  .min(2)
  .superRefine((messages, ctx) => {
    const roles: Role[] = messages.map((m) => m.role);
    systemOnlyFirst(roles, ctx);
    lastRoleIs(roles, "assistant", ctx);
    if (roles.at(-2) !== "user") ctx.addIssue({ code: "custom", path: [messages.length - 2], message: "the judged response must answer a user turn" });
  });

const completionSchema = z.tuple([assistantMessageSchema]);

export const trlMessagesRecordSchema = z.object({ messages: conversationWithResponseSchema }).strict();

export const trlPromptCompletionRecordSchema = z.object({ prompt: promptMessagesSchema, completion: completionSchema }).strict();

const weightedAssistantMessageSchema = z
  .object({ role: z.literal("assistant"), content: z.string(), weight: z.union([z.literal(0), z.literal(1)]) })
  .strict();

export const openaiChatRecordSchema = z
  .object({
    messages: z
      .array(z.discriminatedUnion("role", [systemMessageSchema, userMessageSchema, weightedAssistantMessageSchema]))
      .min(2)
      .superRefine((messages, ctx) => {
        const roles = messages.map((m) => m.role);
        systemOnlyFirst(roles, ctx);
        lastRoleIs(roles, "assistant", ctx);
        const last = messages.at(-1);
        if (last?.role === "assistant" && last.weight !== 1) ctx.addIssue({ code: "custom", path: [messages.length - 1, "weight"], message: "the judged response is trained on (weight 1)" });
      }),
  })
  .strict();

export const llamafactorySharegptSftRecordSchema = z
  .object({
    messages: conversationWithResponseSchema.superRefine((messages, ctx) => alternates(messages.map((m) => m.role), ctx, roleNames)),
  })
  .strict();

export const trlPreferenceRecordSchema = z.object({ prompt: promptMessagesSchema, chosen: completionSchema, rejected: completionSchema }).strict();
export const trlPreferenceWithMarginRecordSchema = z
  .object({ prompt: promptMessagesSchema, chosen: completionSchema, rejected: completionSchema, margin: z.number() })
  .strict();

function sharesPrompt(record: { chosen: readonly z.infer<typeof chatMessageSchema>[]; rejected: readonly z.infer<typeof chatMessageSchema>[] }, ctx: z.RefinementCtx): void {
  const prefix = (messages: readonly z.infer<typeof chatMessageSchema>[]) => JSON.stringify(messages.slice(0, -1));
  if (prefix(record.chosen) !== prefix(record.rejected)) ctx.addIssue({ code: "custom", path: ["rejected"], message: "chosen and rejected must share the prompt" });
}

export const trlPreferenceImplicitRecordSchema = z
  .object({ chosen: conversationWithResponseSchema, rejected: conversationWithResponseSchema })
  .strict()
  .superRefine(sharesPrompt);
export const trlPreferenceImplicitWithMarginRecordSchema = z
  .object({ chosen: conversationWithResponseSchema, rejected: conversationWithResponseSchema, margin: z.number() })
  .strict()
  .superRefine(sharesPrompt);

export const axolotlPromptPairsRecordSchema = z
  .object({ system: z.string(), prompt: z.string(), chosen: z.string(), rejected: z.string() })
  .strict();

export const openaiPreferenceRecordSchema = z
  .object({
    input: z
      .object({ messages: promptMessagesSchema, tools: z.tuple([]), parallel_tool_calls: z.literal(true) })
      .strict(),
    preferred_output: completionSchema,
    non_preferred_output: completionSchema,
  })
  .strict();

const sharegptTurnSchema = z.object({ from: z.enum(["system", "human", "gpt"]), value: z.string() }).strict();
const sharegptResponseSchema = z.object({ from: z.literal("gpt"), value: z.string() }).strict();

export const llamafactoryRankingRecordSchema = z
  .object({
    conversations: z
      .array(sharegptTurnSchema)
      .min(1)
      .superRefine((turns, ctx) => {
        const roles = turns.map((t) => t.from);
        systemOnlyFirst(roles, ctx);
        alternates(roles, ctx, { system: "system", user: "human", assistant: "gpt" });
        lastRoleIs(roles, "human", ctx);
      }),
    chosen: sharegptResponseSchema,
    rejected: sharegptResponseSchema,
  })
  .strict();

export const ktoRecordSchema = z.object({ prompt: promptMessagesSchema, completion: completionSchema, label: z.boolean() }).strict();

export const promptOnlyRecordSchema = z.object({ prompt: promptMessagesSchema }).strict();
export const promptOnlyWithGroundTruthRecordSchema = z.object({ prompt: promptMessagesSchema, ground_truth: z.string() }).strict();
export const promptOnlyWithSolutionRecordSchema = z.object({ prompt: promptMessagesSchema, solution: z.string() }).strict();

/**
 * veRL RLHFDataset (examples/data_preprocess/gsm8k.py): `extra_info.index` is the row's position in its
 * split's file, added when the parquet file is written (the JSON preview shows the record without it).
 */
export const verlRecordSchema = z
  .object({
    data_source: z.string(),
    prompt: promptMessagesSchema,
    ability: z.string(),
    reward_model: z.object({ style: z.literal("rule"), ground_truth: z.string().nullable() }).strict(),
    extra_info: z
      .object({
        split: z.enum(["train", "test", "validation"]),
        index: z.number().int().optional(),
        prompt_id: z.string(),
        // The verifier columns, when the export asks for them (see lib/export/verl-parquet.ts).
        checks: z.string().optional(),
        pass_rate: z.number().min(0).max(1).optional(),
        n_samples: z.number().int().optional(),
      })
      .strict(),
  })
  .strict();

/** With the verifier columns: `checks` (JSON text, so Arrow sees one string type) and the sampled pass rate. */
export const promptOnlyWithVerifierRecordSchema = z
  .object({
    prompt: promptMessagesSchema,
    ground_truth: z.string().optional(),
    solution: z.string().optional(), checks: z.string().optional(), pass_rate: z.number().min(0).max(1).optional(), n_samples: z.number().int().optional() })
  .strict();

export type TrlMessagesRecord = z.infer<typeof trlMessagesRecordSchema>;
export type TrlPromptCompletionRecord = z.infer<typeof trlPromptCompletionRecordSchema>;
export type OpenaiChatRecord = z.infer<typeof openaiChatRecordSchema>;
export type LlamafactorySharegptSftRecord = z.infer<typeof llamafactorySharegptSftRecordSchema>;
export type TrlPreferenceRecord = z.infer<typeof trlPreferenceRecordSchema> | z.infer<typeof trlPreferenceWithMarginRecordSchema>;
export type TrlPreferenceImplicitRecord =
  | z.infer<typeof trlPreferenceImplicitRecordSchema>
  | z.infer<typeof trlPreferenceImplicitWithMarginRecordSchema>;
export type AxolotlPromptPairsRecord = z.infer<typeof axolotlPromptPairsRecordSchema>;
export type OpenaiPreferenceRecord = z.infer<typeof openaiPreferenceRecordSchema>;
export type LlamafactoryRankingRecord = z.infer<typeof llamafactoryRankingRecordSchema>;
export type KtoRecord = z.infer<typeof ktoRecordSchema>;
export type PromptOnlyRecord =
  | z.infer<typeof promptOnlyRecordSchema>
  | z.infer<typeof promptOnlyWithGroundTruthRecordSchema>
  | z.infer<typeof promptOnlyWithSolutionRecordSchema>
  | z.infer<typeof promptOnlyWithVerifierRecordSchema>;

export type VerlRecord = z.infer<typeof verlRecordSchema>;

export type RecordByFormat = {
  "trl-messages": TrlMessagesRecord;
  "trl-prompt-completion": TrlPromptCompletionRecord;
  "openai-chat": OpenaiChatRecord;
  "llamafactory-sharegpt-sft": LlamafactorySharegptSftRecord;
  "trl-preference": TrlPreferenceRecord;
  "trl-preference-implicit": TrlPreferenceImplicitRecord;
  "axolotl-prompt-pairs": AxolotlPromptPairsRecord;
  "openai-preference": OpenaiPreferenceRecord;
  "llamafactory-ranking": LlamafactoryRankingRecord;
  kto: KtoRecord;
  "prompt-only": PromptOnlyRecord;
  "verl-parquet": VerlRecord;
};

/**
 * The exact schema of one format's rows under the export's shape options: with a margin column every
 * row must have `margin`, without it none may; the same for `ground_truth`.
 */
export function recordSchemaFor(format: ExportFormatName, options: RecordShapeOptions = {}): z.ZodType<RecordByFormat[ExportFormatName]> {
  switch (format) {
    case "trl-messages":
      return trlMessagesRecordSchema;
    case "trl-prompt-completion":
      return trlPromptCompletionRecordSchema;
    case "openai-chat":
      return openaiChatRecordSchema;
    case "llamafactory-sharegpt-sft":
      return llamafactorySharegptSftRecordSchema;
    case "trl-preference":
      return options.includeMargin ? trlPreferenceWithMarginRecordSchema : trlPreferenceRecordSchema;
    case "trl-preference-implicit":
      return options.includeMargin ? trlPreferenceImplicitWithMarginRecordSchema : trlPreferenceImplicitRecordSchema;
    case "axolotl-prompt-pairs":
      return axolotlPromptPairsRecordSchema;
    case "openai-preference":
      return openaiPreferenceRecordSchema;
    case "llamafactory-ranking":
      return llamafactoryRankingRecordSchema;
    case "kto":
      return ktoRecordSchema;
    case "prompt-only":
      if (options.verifierChecks || options.passRate) return promptOnlyWithVerifierRecordSchema;
      if (options.groundTruth !== "require") return promptOnlyRecordSchema;
      return options.referenceColumn === "solution" ? promptOnlyWithSolutionRecordSchema : promptOnlyWithGroundTruthRecordSchema;
    case "verl-parquet":
      return verlRecordSchema;
  }
}
