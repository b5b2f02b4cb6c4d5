import type { ExportSettingsInput } from "./settings";

/** What the exports form posts, read through FormData's two getters (so this stays pure and testable). */
export type FormValues = { get(name: string): string | undefined; getAll(name: string): string[] };

/** The names are only cast here; the service's schema rejects any that is not a flag or a source. */
type Filters = ExportSettingsInput["filters"];

const number = (value: string | undefined, fallback: number) => (value === undefined || value.trim() === "" ? fallback : Number(value));
const list = (values: string[]) => values.map((value) => value.trim()).filter(Boolean);

/**
 * The exports form as unvalidated settings input. Percentages become ratios; empty fields become the
 * defaults; the service validates everything (and names the field at fault).
 */
export function settingsFromForm(form: FormValues): ExportSettingsInput {
  const at = (name: string) => {
    const value = form.get(name)?.trim();
    // datetime-local gives "2026-11-29T12:00" in the browser's zone; the form sends the offset beside it.
    if (!value) return undefined;
    const offset = form.get("tzOffset") ?? "Z";
    return /[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value.length === 16 ? `${value}:00` : value}${offset}`;
  };
  const testPercent = number(form.get("testPercent"), 10);
  const validationPercent = number(form.get("validationPercent"), 0);
  return {
    name: form.get("name")?.trim() || undefined,
    format: (form.get("format") ?? "") as ExportSettingsInput["format"],
    policy: {
      kind: (form.get("policy") || "best-vs-worst") as "best-vs-worst",
      minRankMargin: number(form.get("minRankMargin"), 1),
      minAgreement: number(form.get("minAgreementPercent"), 50) / 100,
      minJudgments: number(form.get("minJudgments"), 1),
      marginFromAgreement: form.get("marginFromAgreement") === "on",
      sftSource: (form.get("sftSource") || "winner") as "winner",
      groundTruth: form.get("groundTruth") === "on" ? "require" : "omit",
      source: pairingSources.find((source) => source === form.get("pairingSource")) ?? "human",
      verifierChecks: form.get("verifierChecks") === "on",
      ...(form.get("passRateFilter") === "on" ? { passRate: { minSamples: number(form.get("minSamples"), 1), dropAllPass: true, dropNonePass: true } } : {}),
    },
    filters: {
      promptSetIds: list(form.getAll("promptSetIds")),
      from: at("from"),
      to: at("to"),
      annotatorIds: list(form.getAll("annotatorIds")),
      excludeFlags: list(form.getAll("excludeFlags")) as Filters["excludeFlags"],
      models: list((form.get("models") ?? "").split(",")),
      sources: list(form.getAll("sources")) as Filters["sources"],
      importedJudgments: form.get("excludeImportedJudgments") === "on" ? "exclude" : "include",
    },
    records: {
      systemMessage: { mode: (form.get("systemMode") || "set-default") as "set-default", text: form.get("systemText") },
      referenceColumn: form.get("referenceColumn") === "solution" ? "solution" : "ground_truth",
    },
    split: {
      seed: form.get("seed")?.trim() || "arbiter",
      train: Math.max(0, 100 - testPercent - validationPercent) / 100,
      test: testPercent / 100,
      validation: validationPercent / 100,
      by: form.get("splitBy") === "prompt-id" ? "prompt-id" : "content",
    },
  };
}

/** FormData as FormValues (text fields only). */
export function formValues(formData: { get(name: string): unknown; getAll(name: string): unknown[] }): FormValues {
  return {
    get: (name) => {
      const value = formData.get(name);
      return typeof value === "string" ? value : undefined;
    },
    getAll: (name) => formData.getAll(name).filter((value): value is string => typeof value === "string"),
  };
}

const pairingSources = ["human", "verifier", "judge", "human-then-judge"] as const;
