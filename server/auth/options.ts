import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { errorText } from "@/lib/i18n/translate";
import { localeFromHeaders } from "../i18n/locale";
import { decodeSessionToken } from "./session-token";
import { verifySignIn } from "./verify-sign-in";

/** The header scripts/serve.mjs sets from the socket (or, with TRUST_PROXY, the proxy's X-Forwarded-For). */
export const CLIENT_IP_HEADER = "x-arbiter-client-ip";

export function authOptions(): AuthOptions {
  return {
    secret: getConfig().AUTH_SECRET,
    // Credentials sign-in needs JWT sessions; the token only names the user and the session version,
    // and every request re-reads the user (get-actor.ts), so a disabled user is out at once.
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    // The same decode as the per-request session check: the key derived once per secret.
    jwt: { decode: decodeSessionToken },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const headers = (req.headers ?? {}) as Record<string, string | undefined>;
          try {
            const user = await verifySignIn({ email: credentials?.email, password: credentials?.password, ip: headers[CLIENT_IP_HEADER] ?? "unknown" });
            return { id: user.id, sessionVersion: user.sessionVersion };
          } catch (error) {
            // next-auth passes the message to the sign-in form as `error`: in the visitor's language.
            if (error instanceof AppError) throw new Error(error.key ? errorText(localeFromHeaders(headers), error.key, error.params, error.message) : error.message);
            throw error;
          }
        },
      }),
    ],
    events: {
      // Sign-out ends the session on the server too: a copy of the cookie (or the token inside it) stops
      // working at once, as after disable or reset. The version is per account, so this ends the user's
      // sessions in other browsers as well; only a token still current can do it.
      async signOut({ token }) {
        const id = typeof token?.sub === "string" ? token.sub : undefined;
        const version = typeof token?.sv === "number" ? token.sv : undefined;
        if (!id || version === undefined) return;
        await getDb().user.updateMany({ where: { id, sessionVersion: version }, data: { sessionVersion: { increment: 1 } } });
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        // Only the ids reach the browser's session object; names and roles come from the database.
        return { expires: session.expires, user: { id: token.sub, sv: token.sv } } as typeof session;
      },
    },
  };
}
