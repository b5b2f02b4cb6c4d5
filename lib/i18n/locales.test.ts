import { describe, expect, it } from "vitest";
import { isLocale, negotiateLocale } from "./locales";

describe("negotiateLocale (Accept-Language)", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh-TW,zh;q=0.9", "zh-CN"],
    ["en-US,en;q=0.9,zh-CN;q=0.8", "en"],
    ["fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4", "zh-CN"],
    ["fr-FR,de;q=0.8", "en"],
    ["en;q=0.2, zh-CN;q=0.9", "zh-CN"],
    ["zh;q=0, en", "en"],
    ["*", "en"],
    ["ZH-cn", "zh-CN"],
  ])("%j -> %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("knows only the locales it ships", () => {
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("zh")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
