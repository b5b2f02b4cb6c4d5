/**
 * The languages of the UI. The id is what users.locale stores, what <html lang> says and what Intl's
 * date and number formatters take; `zh-CN` is Simplified Chinese (its catalogue is messages/zh.json).
 */
export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** Each language's name in itself, for the switch. */
export const localeNames: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

/** The cookie that keeps a signed-out visitor's choice (the sign-in page); a signed-in user's is saved on their account. */
export const LOCALE_COOKIE = "arbiter-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The best UI language for an Accept-Language header (RFC 9110 §12.5.4: ranges with q-values). Any
 * Chinese range (zh, zh-CN, zh-Hans, zh-TW) picks Simplified Chinese, the one Chinese we have; any
 * English range picks English; `*` or nothing we speak falls back to the default.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranges = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((range) => range.tag && range.weight > 0)
    // Highest weight first; equal weights keep the order the browser sent.
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    const primary = tag.split("-")[0];
    if (primary === "zh") return "zh-CN";
    if (primary === "en") return "en";
  }
  return defaultLocale;
}
