import { z } from "zod";
import { exportFormats } from "./formats";
import { systemPolicyModes } from "./system-policy";
import { exportFormatNames, type RecordShapeOptions } from "./types";
import { candidateSources, judgmentFlags } from "../vocabulary";
import { fieldMessage as m } from "../schemas/field-message";

/**
 * What one export is asked to do: format, pairing policy, filters and split. Shared by the exports
 * form, the HTTP API and the CLI; stored on the Export row (policy, filters, split) and copied into the
 * manifest, so the same settings on the same snapshot give the same files.
 */

const uuid = z.uuid(m("field.mustBeId"));

export const exportPolicySchema = z
  .object({
    kind: z.enum(["best-vs-worst", "all-pairs", "adjacent"]).default("best-vs-worst"),
    minRankMargin: z.coerce.number().int(m("field.mustBeWhole")).min(1, m("field.mustBeAtLeast", { min: 1 })).default(1),
    minAgreement: z.coerce.number().min(0, m("field.mustBeBetween", { min: 0, max: 1 })).max(1, m("field.mustBeBetween", { min: 0, max: 1 })).default(0.5),
    minJudgments: z.coerce.number().int(m("field.mustBeWhole")).min(1, m("field.mustBeAtLeast", { min: 1 })).default(1),
    /** Write the agreed share as `margin` (preference formats with a margin column only). */
    marginFromAgreement: z.boolean().default(false),
    /** SFT formats: where targets come from. */
    sftSource: z.enum(["winner", "rewrites", "both"]).default("winner"),
    /** Prompt-only: write `ground_truth` (prompts without a reference answer are then skipped). */
    groundTruth: z.enum(["omit", "require"]).default("omit"),
    /**
     * Where records come from: people's judgments (default), the verifiers' outcomes (correct vs
     * incorrect candidates of a prompt: DPO pairs; the shortest correct one: rejection-sampling SFT;
     * pass / fail: KTO labels, see lib/export/verifier-pairing.ts), model judges' pairwise verdicts
     * ("judge"), or people first with judges filling in the prompts no person judged ("human-then-judge").
     */
    source: z.enum(["human", "verifier", "judge", "human-then-judge"]).default("human"),
    /** Prompt-only: write the prompt's verifier checks as a JSON string column `checks`. */
    verifierChecks: z.boolean().default(false),
    /**
     * Prompt-only: write each prompt's pass rate over its verified candidates (`pass_rate`, `n_samples`)
     * and drop prompts with fewer than `minSamples`, and those all pass (too easy) or none pass (too hard).
     */
    passRate: z
      .object({
        minSamples: z.coerce.number().int(m("field.mustBeWhole")).min(1, m("field.mustBeAtLeast", { min: 1 })).default(1),
        dropAllPass: z.boolean().default(true),
        dropNonePass: z.boolean().default(true),
      })
      .strict()
      .optional(),
  })
  .strict();

export const exportFiltersSchema = z
  .object({
    promptSetIds: z.array(uuid).min(1, m("field.choosePromptSet")),
    /** Judgments created at or after `from` and before `to` (ISO 8601). */
    from: z.iso.datetime({ offset: true, error: m("field.isoTime") }).optional(),
    to: z.iso.datetime({ offset: true, error: m("field.isoTime") }).optional(),
    /** Only these annotators' judgments (all when absent or empty). */
    annotatorIds: z.array(uuid).default([]),
    /** Leave out judgments carrying any of these flags. */
    excludeFlags: z.array(z.enum(judgmentFlags)).default([]),
    /** Only candidates produced by these models (candidates without a model, such as rewrites, are kept). */
    models: z.array(z.string().trim().min(1)).default([]),
    /** Only candidates of these sources (all when absent or empty). */
    sources: z.array(z.enum(candidateSources)).default([]),
    /**
     * Preference labels that came with an imported file (judgment source IMPORTED): kept by default, so
     * that an imported preference set exports as it came; "exclude" keeps only this set's annotators
     * and adjudications.
     */
    importedJudgments: z.enum(["include", "exclude"]).default("include"),
    /** Gold prompts (prompts.gold, issue 11) measure annotators and stay out of datasets unless this is true. */
    includeGold: z.boolean().default(false),
  })
  .strict()
  .refine((filters) => !filters.from || !filters.to || Date.parse(filters.from) < Date.parse(filters.to), {
    path: ["to"],
    message: m("field.afterFrom"),
  });

export const exportSplitSchema = z
  .object({
    seed: z.string().trim().min(1, m("field.notEmpty")).max(200).default("arbiter"),
    train: z.coerce.number().min(0, m("field.notNegative")).default(0.9),
    test: z.coerce.number().min(0, m("field.notNegative")).default(0.1),
    validation: z.coerce.number().min(0, m("field.notNegative")).default(0),
    /** Hash the prompt's content (recommended: the same question in two sets lands in one split) or its id. */
    by: z.enum(["content", "prompt-id"]).default("content"),
  })
  .strict()
  .refine((split) => split.train + split.test + split.validation > 0, { path: ["train"], message: m("field.splitZero") });

/** How records are written, whatever the pairing: the system-message policy and the reference column's name. */
export const exportRecordsSchema = z
  .object({
    systemMessage: z
      .object({
        mode: z.enum(systemPolicyModes, { error: m("field.mustBeOneOf", { options: systemPolicyModes.join(", ") }) }).default("set-default"),
        text: z.string().max(20_000, m("field.mustBeAtMostChars", { max: 20_000 })).optional(),
      })
      .strict()
      .default({ mode: "set-default" })
      .superRefine((policy, ctx) => {
        if (policy.mode === "text" && !policy.text?.trim()) ctx.addIssue({ code: "custom", path: ["text"], message: m("field.systemTextMissing") });
      }),
    /** prompt-only: the column holding the reference answer (`solution` is what TRL's accuracy_reward reads). */
    referenceColumn: z.enum(["ground_truth", "solution"]).default("ground_truth"),
  })
  .strict();

export const exportSettingsSchema = z
  .object({
    name: z.string().trim().max(200, m("field.mustBeAtMostChars", { max: 200 })).optional(),
    format: z.enum(exportFormatNames, { error: m("field.mustBeOneOf", { options: exportFormatNames.join(", ") }) }),
    policy: exportPolicySchema.default(exportPolicySchema.parse({})),
    filters: exportFiltersSchema,
    split: exportSplitSchema.default(exportSplitSchema.parse({})),
    records: exportRecordsSchema.default(exportRecordsSchema.parse({})),
  })
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.policy.marginFromAgreement && !exportFormats[settings.format].supportsMargin) {
      ctx.addIssue({ code: "custom", path: ["policy", "marginFromAgreement"], message: m("field.noMarginColumn", { format: settings.format }) });
    }
    const kind = exportFormats[settings.format].kind;
    if (settings.policy.source !== "human" && kind === "prompt-only") {
      ctx.addIssue({ code: "custom", path: ["policy", "source"], message: m("field.promptOnlyNoPairs") });
    }
    if (settings.policy.source === "verifier" && settings.policy.kind === "adjacent") {
      ctx.addIssue({ code: "custom", path: ["policy", "kind"], message: m("field.verifierNoRanks") });
    }
    if (settings.policy.source === "verifier" && settings.policy.marginFromAgreement) {
      ctx.addIssue({ code: "custom", path: ["policy", "marginFromAgreement"], message: m("field.verifierNoAgreement") });
    }
    if (kind !== "prompt-only" && (settings.policy.verifierChecks || settings.policy.passRate)) {
      ctx.addIssue({ code: "custom", path: ["policy", settings.policy.verifierChecks ? "verifierChecks" : "passRate"], message: m("field.verifierColumnsPromptOnly") });
    }
  });

export type ExportSettings = z.output<typeof exportSettingsSchema>;
export type ExportSettingsInput = z.input<typeof exportSettingsSchema>;

/** The per-export shape choices the record writers take. */
export function shapeOptions(settings: ExportSettings): RecordShapeOptions {
  return {
    includeMargin: settings.policy.marginFromAgreement,
    groundTruth: settings.policy.groundTruth,
    referenceColumn: settings.records.referenceColumn,
    verifierChecks: settings.policy.verifierChecks,
    passRate: settings.policy.passRate !== undefined,
  };
}

/** A folder name for the export's data files and the dataset card's config name: the format's family. */
export function configNameOf(settings: Pick<ExportSettings, "format">): string {
  const kind = exportFormats[settings.format].kind;
  return kind === "preference" ? "dpo" : kind === "unpaired" ? "kto" : kind === "sft" ? "sft" : "prompts";
}

export function defaultExportName(settings: Pick<ExportSettings, "format" | "policy">, at: Date): string {
  return `${settings.format} ${at.toISOString().slice(0, 16).replace("T", " ")}`;
}
