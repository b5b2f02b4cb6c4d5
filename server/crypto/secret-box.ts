import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";

// AES-256-GCM for secrets at rest (endpoint API keys). The key comes from ARBITER_ENCRYPTION_KEY
// (32 bytes, base64); scripts/start.ts generates and keeps one for the embedded default. It is read
// lazily, so that the parts of the app that never touch a secret start without it.
const PREFIX = "v1";

const keySchema = z
  .string({ error: "ARBITER_ENCRYPTION_KEY is not set: the 32-byte key (base64) that encrypts endpoint API keys at rest (generate one with: openssl rand -base64 32)" })
  .transform((value) => Buffer.from(value.trim(), "base64"))
  .refine((key) => key.length === 32, "ARBITER_ENCRYPTION_KEY must be 32 bytes encoded in base64 (generate one with: openssl rand -base64 32)");

export class EncryptionKeyError extends Error {}

/** The configured key; throws a message naming the variable (never its value). */
export function encryptionKey(env: Record<string, string | undefined> = process.env): Buffer {
  const parsed = keySchema.safeParse(env.ARBITER_ENCRYPTION_KEY);
  if (!parsed.success) throw new EncryptionKeyError(parsed.error.issues[0]?.message ?? "ARBITER_ENCRYPTION_KEY is invalid");
  return parsed.data;
}

/** `v1:<iv>:<tag>:<ciphertext>`, each base64; a fresh 96-bit IV per message. */
export function encryptSecret(plaintext: string, key: Buffer = encryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [PREFIX, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

/** The plaintext, or an error that says the key is wrong or the value was tampered with (never the value). */
export function decryptSecret(sealed: string, key: Buffer = encryptionKey()): string {
  const [prefix, iv, tag, ciphertext] = sealed.split(":");
  if (prefix !== PREFIX || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new EncryptionKeyError("A stored secret is not in a format this version can read.");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new EncryptionKeyError("A stored secret could not be decrypted: ARBITER_ENCRYPTION_KEY is not the key it was encrypted with.");
  }
}
