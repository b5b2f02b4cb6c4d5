import { z } from "zod";
import { fieldMessage as m, wholeNumberField, type FieldLabel, type FieldReason } from "../schemas/field-message";

/**
 * A prompt set's gold and adaptive-overlap settings (seams.md), as the settings form and
 * `PATCH /api/prompt-sets/:id/quality` send them. Form fields arrive as text; JSON as numbers and booleans.
 * The database has the same rules as CHECKs; these say which field is wrong first.
 */

const share = (label: FieldLabel) =>
  z.coerce
    .number({ error: m("field.between", { label, min: 0, max: 1 }) })
    .min(0, m("field.atLeast", { label, min: 0 }))
    .max(1, m("field.atMost", { label, max: 1 }));

/** Empty form text means "not set". */
const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

export const qualitySettingsSchema = z
  .object({
    goldRate: share("goldRate"),
    goldMinItems: wholeNumberField("goldMinItems", 1, 1000),
    goldMinAccuracy: share("goldMinAccuracy"),
    goldPause: z.preprocess((value) => (value === "on" || value === "true" ? true : value === "" || value === "false" || value === undefined ? false : value), z.boolean({ error: m("field.trueOrFalse", { label: "goldPause" }) })),
    overlapMax: z.preprocess(emptyToNull, wholeNumberField("overlapMax", 1, 20).nullable()),
    adaptiveMinAgreement: z.preprocess(emptyToNull, share("adaptiveMinAgreement").gt(0, m("field.moreThan", { label: "adaptiveMinAgreement", min: 0 })).nullable()),
  })
  .superRefine((value, context) => {
    if ((value.overlapMax === null) !== (value.adaptiveMinAgreement === null)) {
      const field = value.overlapMax === null ? "overlapMax" : "adaptiveMinAgreement";
      context.addIssue({ code: "custom", path: [field], message: m("field.adaptiveBoth") });
    }
  });

export type QualitySettings = z.output<typeof qualitySettingsSchema>;

/** The cross-check the schema cannot make alone: the maximum is at least the set's overlap. */
export function overlapMaxProblem(settings: Pick<QualitySettings, "overlapMax">, overlap: number): FieldReason | null {
  return settings.overlapMax !== null && settings.overlapMax < overlap ? { key: "field.overlapMaxBelowOverlap", params: { overlap } } : null;
}
