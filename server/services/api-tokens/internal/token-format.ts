import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** `arb_` + 32 random bytes in base64url: recognisable in logs and secret scanners, 256 bits of entropy. */
export const TOKEN_PREFIX = "arb_";

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Only this is stored: a fast hash is enough for a random 256-bit secret (no dictionary to guess from). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** What the list shows so a user can tell tokens apart: the prefix and the first few characters. */
export function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}
