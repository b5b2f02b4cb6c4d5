import { z } from "zod";

/**
 * A prompt set's gold and adaptive-overlap settings (seams.md), as the settings form and
 * `PATCH /api/prompt-sets/:id/quality` send them. Form fields arrive as text; JSON as numbers and booleans.
 * The database has the same rules as CHECKs; these say which field is wrong first.
 */

const share = (label: string) =>
  z.coerce.number({ error: `${label} must be a number from 0 to 1` }).min(0, `${label} must be at least 0`).max(1, `${label} must be at most 1`);

/** Empty form text means "not set". */
const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

export const qualitySettingsSchema = z
  .object({
    goldRate: share("gold rate"),
    goldMinItems: z.coerce.number({ error: "minimum gold items must be a whole number" }).int("minimum gold items must be a whole number").min(1, "minimum gold items must be at least 1").max(1000, "minimum gold items must be at most 1,000"),
    goldMinAccuracy: share("minimum gold accuracy"),
    goldPause: z.preprocess((value) => (value === "on" || value === "true" ? true : value === "" || value === "false" || value === undefined ? false : value), z.boolean({ error: "pause must be true or false" })),
    overlapMax: z.preprocess(emptyToNull, z.coerce.number({ error: "maximum overlap must be a whole number" }).int("maximum overlap must be a whole number").min(1, "maximum overlap must be at least 1").max(20, "maximum overlap must be at most 20").nullable()),
    adaptiveMinAgreement: z.preprocess(emptyToNull, share("adaptive minimum agreement").gt(0, "adaptive minimum agreement must be more than 0").nullable()),
  })
  .superRefine((value, context) => {
    if ((value.overlapMax === null) !== (value.adaptiveMinAgreement === null)) {
      const field = value.overlapMax === null ? "overlapMax" : "adaptiveMinAgreement";
      context.addIssue({ code: "custom", path: [field], message: "adaptive overlap needs both a maximum overlap and a minimum agreement (or neither)" });
    }
  });

export type QualitySettings = z.output<typeof qualitySettingsSchema>;

/** The cross-check the schema cannot make alone: the maximum is at least the set's overlap. */
export function overlapMaxProblem(settings: Pick<QualitySettings, "overlapMax">, overlap: number): string | null {
  return settings.overlapMax !== null && settings.overlapMax < overlap ? `maximum overlap must be at least the set's overlap (${overlap})` : null;
}
