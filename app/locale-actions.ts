"use server";

import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { getActor } from "@/server/auth/get-actor";
import { setOwnLocale } from "@/server/services/users/set-own-locale";

/**
 * The language switch: saved on the signed-in user's account, and in a cookie for the sign-in page
 * (where nobody is signed in yet). Next refuses a server action whose Origin is not this site's, so the
 * cookie is only ever written from our own pages.
 */
export async function setLocaleAction(locale: string): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false };
  const actor = await getActor();
  if (actor) await setOwnLocale({ actor, input: { locale } });
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
  return { ok: true };
}
