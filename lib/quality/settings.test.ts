import { describe, expect, it } from "vitest";
import { overlapMaxProblem, qualitySettingsSchema } from "./settings";
import { errorText } from "../i18n/translate";
import { englishText } from "../schemas/field-errors";

const englishOf = (reason: ReturnType<typeof overlapMaxProblem>) => (reason ? errorText("en", reason.key, reason.params) : null);

describe("quality settings", () => {
  it("reads form text and JSON alike", () => {
    expect(qualitySettingsSchema.parse({ goldRate: "0.1", goldMinItems: "5", goldMinAccuracy: "0.7", goldPause: "on", overlapMax: "", adaptiveMinAgreement: "" })).toEqual({
      goldRate: 0.1, goldMinItems: 5, goldMinAccuracy: 0.7, goldPause: true, overlapMax: null, adaptiveMinAgreement: null,
    });
    expect(qualitySettingsSchema.parse({ goldRate: 0, goldMinItems: 3, goldMinAccuracy: 1, goldPause: false, overlapMax: 5, adaptiveMinAgreement: 0.75 }).overlapMax).toBe(5);
  });

  it("names each bad field", () => {
    const result = qualitySettingsSchema.safeParse({ goldRate: 2, goldMinItems: 0, goldMinAccuracy: "x", goldPause: "maybe", overlapMax: 4, adaptiveMinAgreement: null });
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), englishText(issue.message)]));
    expect(messages).toMatchObject({
      goldRate: "gold rate must be at most 1",
      goldMinItems: "minimum gold items must be at least 1",
      goldMinAccuracy: "minimum gold accuracy must be between 0 and 1",
      goldPause: "pause must be true or false",
    });
    const half = qualitySettingsSchema.safeParse({ goldRate: 0, goldMinItems: 1, goldMinAccuracy: 0.5, goldPause: false, overlapMax: 4, adaptiveMinAgreement: "" });
    expect(half.error!.issues[0]).toMatchObject({ path: ["adaptiveMinAgreement"] });
    expect(englishText(half.error!.issues[0]!.message)).toMatch(/needs both/);
  });

  it("the maximum overlap is at least the set's overlap", () => {
    expect(englishOf(overlapMaxProblem({ overlapMax: 2 }, 3))).toMatch(/at least the set's overlap \(3\)/);
    expect(overlapMaxProblem({ overlapMax: 3 }, 3)).toBeNull();
    expect(overlapMaxProblem({ overlapMax: null }, 3)).toBeNull();
  });
});
