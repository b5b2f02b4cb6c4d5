import { describe, expect, it } from "vitest";
import { formValues, settingsFromForm } from "./form-settings";
import { exportSettingsSchema } from "./settings";
import { englishText } from "../schemas/field-errors";

const setId = "6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return settingsFromForm(formValues(data));
}

describe("export settings", () => {
  it("reads the exports form into valid settings: percentages to ratios, times with the browser's offset", () => {
    const settings = exportSettingsSchema.parse(
      form([
        ["format", "trl-preference"],
        ["promptSetIds", setId],
        ["policy", "all-pairs"],
        ["minAgreementPercent", "75"],
        ["minJudgments", "2"],
        ["marginFromAgreement", "on"],
        ["testPercent", "20"],
        ["validationPercent", "10"],
        ["from", "2026-11-01T09:30"],
        ["tzOffset", "+01:00"],
        ["excludeFlags", "UNSAFE"],
        ["models", "qwen-7b, llama-8b ,"],
      ]),
    );
    expect(settings.policy).toMatchObject({ kind: "all-pairs", minAgreement: 0.75, minJudgments: 2, marginFromAgreement: true });
    expect(settings.split).toEqual({ seed: "arbiter", train: 0.7, test: 0.2, validation: 0.1, by: "content" });
    expect(settings.filters).toMatchObject({ promptSetIds: [setId], from: "2026-11-01T09:30:00+01:00", excludeFlags: ["UNSAFE"], models: ["qwen-7b", "llama-8b"] });
  });

  it("names the field at fault", () => {
    const result = exportSettingsSchema.safeParse(form([["format", "kto"], ["marginFromAgreement", "on"], ["minAgreementPercent", "150"]]));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => `${issue.path.join(".")}: ${englishText(issue.message)}`);
    expect(paths).toEqual(expect.arrayContaining(["filters.promptSetIds: choose at least one prompt set", "policy.minAgreement: must be between 0 and 1"]));
  });

  it("refuses a margin column for a format that has none, and a time range that ends before it starts", () => {
    const base = { format: "kto", filters: { promptSetIds: [setId] } } as const;
    expect(exportSettingsSchema.safeParse({ ...base, policy: { marginFromAgreement: true } }).error?.issues[0]).toMatchObject({ path: ["policy", "marginFromAgreement"] });
    const range = exportSettingsSchema.safeParse({ ...base, filters: { ...base.filters, from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } });
    expect(range.error?.issues[0]).toMatchObject({ path: ["filters", "to"] });
    expect(englishText(range.error?.issues[0]?.message ?? "")).toBe("must be after from");
  });
});
