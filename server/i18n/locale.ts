import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { getActor } from "../auth/get-actor";

/**
 * The language of this request's pages and messages: the signed-in user's saved choice, else the
 * cookie a signed-out visitor's switch set (the sign-in page), else the browser's Accept-Language.
 */
export const getRequestLocale = cache(async (): Promise<Locale> => {
  const actor = await getActor();
  if (actor?.locale) return actor.locale;
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return negotiateLocale((await headers()).get("accept-language"));
});

/** The same choice from a bare request's headers (next-auth's authorize, which has no request scope). */
export function localeFromHeaders(headers: Record<string, string | string[] | undefined>): Locale {
  const cookie = String(headers.cookie ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(cookie)) return cookie;
  const accept = headers["accept-language"];
  return negotiateLocale(Array.isArray(accept) ? accept.join(",") : accept);
}
