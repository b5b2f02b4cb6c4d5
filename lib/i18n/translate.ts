import { createTranslator } from "use-intl/core";
import { catalogues, type ErrorKey, type ErrorParams } from "./catalogues";
import { localParams } from "./error-params";
import type { Locale } from "./locales";

/** Dates and times are shown in UTC everywhere (server and browser render the same text; labels say "UTC"). */
export const TIME_ZONE = "UTC";

/** A translator outside React (server errors, scripts): same catalogues and ICU rules as the pages'. */
export function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale], timeZone: TIME_ZONE });
}

const errorTranslators = new Map<Locale, ReturnType<typeof createTranslator<ReturnType<typeof errorMessages>>>>();
function errorMessages(locale: Locale) {
  return catalogues[locale].errors;
}

/** The text of an error reason in a language; an unknown key (an older catalogue) falls back to `fallback`. */
export function errorText(locale: Locale, key: ErrorKey, params: ErrorParams | undefined, fallback?: string): string {
  let t = errorTranslators.get(locale);
  if (!t) {
    t = createTranslator({ locale, messages: errorMessages(locale), timeZone: TIME_ZONE });
    errorTranslators.set(locale, t);
  }
  if (!t.has(key)) return fallback ?? key;
  return t(key, localParams(catalogues[locale], params, { english: locale === "en", translate: (inner, innerParams) => errorText(locale, inner, innerParams) }));
}
