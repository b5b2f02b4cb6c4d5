import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { candidateSources, judgingModes, judgmentFlags, judgmentSources, roles } from "../vocabulary";
import { shortcuts } from "../annotation/keyboard";
import { catalogues } from "./catalogues";
import { locales } from "./locales";

type Tree = { [key: string]: string | Tree };

/** Every message of a catalogue by its dotted key. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** ICU arguments ({name}, {n, number}, {count, plural, ...}) with their type, at any depth; `#` is not one. */
function argumentsOf(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of message.matchAll(/\{\s*([A-Za-z_]\w*)\s*(?:,\s*(\w+))?/g)) out.set(match[1]!, match[2] ?? "string");
  return out;
}

/** Rich-text tags (<code>...</code>) a message expects the caller to render. */
const tagsOf = (message: string) => [...new Set([...message.matchAll(/<(\w+)>/g)].map((m) => m[1]!))].sort();

const flat = Object.fromEntries(locales.map((locale) => [locale, flatten(catalogues[locale] as unknown as Tree)])) as Record<(typeof locales)[number], Map<string, string>>;
const english = flat.en;

describe("message catalogues", () => {
  it("holds the same keys in every language", () => {
    for (const locale of locales) {
      const keys = flat[locale];
      const missing = [...english.keys()].filter((key) => !keys.has(key));
      const extra = [...keys.keys()].filter((key) => !english.has(key));
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
    }
  });

  it("uses the same placeholders, of the same type, and the same tags in every language", () => {
    const mismatches: string[] = [];
    for (const locale of locales) {
      for (const [key, message] of flat[locale]) {
        const reference = english.get(key);
        if (reference === undefined) continue;
        const mine = [...argumentsOf(message)].sort().join(" ");
        const theirs = [...argumentsOf(reference)].sort().join(" ");
        if (mine !== theirs) mismatches.push(`${locale} ${key}: {${mine}} vs en {${theirs}}`);
        if (tagsOf(message).join() !== tagsOf(reference).join()) mismatches.push(`${locale} ${key}: tags ${tagsOf(message)} vs en ${tagsOf(reference)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("has no empty message", () => {
    for (const locale of locales) expect([...flat[locale]].filter(([, message]) => !message.trim()).map(([key]) => key)).toEqual([]);
  });

  it("formats every message in every language without an ICU error", () => {
    const errors: string[] = [];
    for (const locale of locales) {
      const t = createTranslator({ locale, messages: catalogues[locale], timeZone: "UTC", onError: (error) => errors.push(`${locale}: ${error.message}`) });
      for (const [key, message] of flat[locale]) {
        const values: Record<string, string | number | Date> = {};
        for (const [name, type] of argumentsOf(message)) values[name] = type === "number" || type === "plural" || type === "selectordinal" ? 2 : type === "date" || type === "time" ? new Date(0) : "x";
        const tags = Object.fromEntries(tagsOf(message).map((tag) => [tag, (chunks: string) => chunks]));
        // @ts-expect-error -- keys come from the catalogue itself, not a literal
        const text = tagsOf(message).length ? t.markup(key, { ...values, ...tags }) : t(key, values);
        if (text === key || text.includes(`${key}`)) errors.push(`${locale} ${key}: not formatted`);
      }
    }
    expect(errors).toEqual([]);
  });

  it("names every word of the product's vocabulary and every shortcut", () => {
    for (const locale of locales) {
      const v = catalogues[locale].vocabulary;
      expect(Object.keys(v.role).sort()).toEqual([...roles].sort());
      expect(Object.keys(v.judgingMode).sort()).toEqual([...judgingModes].sort());
      expect(Object.keys(v.flag).sort()).toEqual([...judgmentFlags].sort());
      expect(Object.keys(v.candidateSource).sort()).toEqual([...candidateSources].sort());
      expect(Object.keys(v.judgmentSource).sort()).toEqual([...judgmentSources].sort());
      expect(Object.keys(catalogues[locale].workspace.shortcut).sort()).toEqual(shortcuts.map((s) => s.command).sort());
    }
  });

  it("catches a missing key and a placeholder mismatch (the checks above can fail)", () => {
    const en = flatten({ a: "Hello {name}", b: "{count, plural, one {# item} other {# items}}" });
    const zh = flatten({ a: "你好 {nom}" });
    expect([...en.keys()].filter((key) => !zh.has(key))).toEqual(["b"]);
    expect([...argumentsOf(zh.get("a")!).keys()]).not.toEqual([...argumentsOf(en.get("a")!).keys()]);
    expect([...argumentsOf(en.get("b")!)]).toEqual([["count", "plural"]]);
  });
});
