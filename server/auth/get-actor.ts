import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { isLocale } from "@/lib/i18n/locales";
import type { Actor } from "../authz/actor";
import { getConfig, getPublicUrl } from "../config";
import { hotQuery } from "../db/client";
import type { Role } from "@/lib/vocabulary";
import { AppError } from "../errors";
import { noteRequestUser } from "../observability/request-context";
import { decodeSessionToken } from "./session-token";

/**
 * The signed-in user as the database has them now, or null. Role and status are never taken from the
 * token: a disabled user, a reset password or a changed role ends the session on the next request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const store = await cookies();
  return actorFromSessionCookies(Object.fromEntries(store.getAll().map((cookie) => [cookie.name, cookie.value])));
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The session cookie's user, read the way next-auth reads it (its JWT, decrypted and checked for expiry
 * with AUTH_SECRET; the cookie name next-auth gives it for this origin, in chunks if it was split), then
 * checked against the database: the user exists, is not disabled, and the token carries their current
 * session version (sign-out, disable and password reset bump it).
 *
 * Why not getServerSession: in a route handler it runs next-auth's whole session endpoint, which decrypts
 * the token and then encrypts a renewed one (and makes a CSRF token) for a cookie a route handler cannot
 * set: two JWE operations per request where one is needed. What is checked is the same: the token's
 * integrity and expiry here, the account in the database. The token's key is derived from AUTH_SECRET
 * once per process (session-token.ts), not on every request as next-auth's own decode does.
 */
export async function actorFromSessionCookies(cookieValues: Record<string, string>): Promise<Actor | null> {
  const token = await getToken({
    // Cookies only: getToken would also take a bearer header as a session token (API tokens are read elsewhere).
    req: { cookies: cookieValues, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: getConfig().AUTH_SECRET,
    secureCookie: getPublicUrl()?.startsWith("https://") ?? false,
    // next-auth's decode, but with the HKDF-derived key kept per secret (session-token.ts).
    decode: decodeSessionToken,
  });
  const id = typeof token?.sub === "string" ? token.sub : undefined;
  if (!id || !UUID.test(id)) return null;
  // On every request: a plain node-postgres statement (db/client.ts, hotQuery), not through Prisma.
  const [user] = await hotQuery<{ id: string; email: string; name: string; role: Role; disabled: boolean; session_version: number; locale: string | null }>(
    "arbiter_session_user",
    "SELECT id, email, name, role::text AS role, disabled_at IS NOT NULL AS disabled, session_version, locale FROM users WHERE id = $1::uuid",
    [id],
  );
  if (!user || user.disabled || user.session_version !== token?.sv) return null;
  noteRequestUser(user.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: isLocale(user.locale) ? user.locale : null };
}

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", { key: "auth.signInFirst" });
  return actor;
}
