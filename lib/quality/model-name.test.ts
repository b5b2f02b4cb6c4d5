import { describe, expect, it } from "vitest";
import { translatorFor } from "../i18n/translate";
import type { Locale } from "../i18n/locales";
import { candidateSources, type CandidateSource } from "../vocabulary";
import type { DerivedName } from "./contracts";
import { modelRowName } from "./model-name";

/** A row's name as the leaderboard page words it in a language. */
function shown(locale: Locale, row: { name: string; derived: DerivedName | null }): string {
  const t = translatorFor(locale);
  const sourceLabel = (source: string) => ((candidateSources as readonly string[]).includes(source) ? t(`vocabulary.candidateSource.${source as CandidateSource}`) : source.toLowerCase());
  return modelRowName(row, (key, params) => t(`leaderboard.${key}`, params), sourceLabel);
}

describe("a leaderboard row's name (shown in the reader's language)", () => {
  it.each<[string, DerivedName, string]>([
    ["Human rewrites", { kind: "humanRewrites" }, "人工改写"],
    ["Rule-derived (from strip-apology)", { kind: "ruleDerived", rule: "strip-apology" }, "规则派生（来自 strip-apology）"],
    ["Demo sample texts", { kind: "sampleTexts" }, "演示样例文本"],
    ["imported answers", { kind: "sourceAnswers", source: "IMPORTED" }, "导入回答"],
  ])("%s: the English page reads the API's name; Chinese its own", (name, derived, chinese) => {
    expect(shown("en", { name, derived })).toBe(name);
    expect(shown("zh-CN", { name, derived })).toBe(chinese);
  });

  it("keeps a model's own name or label as it is", () => {
    expect(shown("zh-CN", { name: "qwen2.5-7b (local vLLM)", derived: null })).toBe("qwen2.5-7b (local vLLM)");
  });
});
