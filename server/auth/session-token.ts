import "server-only";
import { createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

/*
 * next-auth 4's `decode` (next-auth/jwt) derives the token's AES key from the secret with HKDF on every
 * call: 2.9 % of the HTTP path's CPU in bench:load's profile (README, "Speed"), for a key that only
 * changes with the secret. This is the same decode with the derived key kept per (secret, salt): the
 * same HKDF (SHA-256, 32 bytes, next-auth's info string), the same JWE check and the same 15 s clock
 * tolerance on `exp`. Only the key is cached, never a token: every request still decrypts and checks its
 * token, and get-actor.ts still reads the user from the database (disable, reset, sign-out hold at once).
 */

const keys = new Map<string, KeyObject>();
/** The secrets a process uses: AUTH_SECRET, and a second one while a test signs with another. */
const MAX_KEYS = 8;

/** The key next-auth derives for `secret` and `salt` ("" for session tokens), derived once per process. */
export function sessionTokenKey(secret: string | Buffer, salt = ""): KeyObject {
  const id = `${typeof secret === "string" ? `s:${secret}` : `b:${secret.toString("base64")}`}\0${salt}`;
  let key = keys.get(id);
  if (!key) {
    key = createSecretKey(Buffer.from(hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32)));
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(id, key);
  }
  return key;
}

/** next-auth's JWT `decode` with the derived key cached; throws on a token that is tampered, foreign or expired, as next-auth's does. */
export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, sessionTokenKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
