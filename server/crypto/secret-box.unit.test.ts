import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptionKey, encryptSecret } from "./secret-box";

describe("secret box (AES-256-GCM)", () => {
  const key = randomBytes(32);

  it("round-trips, with a fresh IV each time and no plaintext in the ciphertext", () => {
    const a = encryptSecret("sk-secret-value-1234", key);
    const b = encryptSecret("sk-secret-value-1234", key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-secret");
    expect(decryptSecret(a, key)).toBe("sk-secret-value-1234");
  });

  it("refuses a tampered ciphertext or another key, without echoing the value", () => {
    const sealed = encryptSecret("sk-abc", key);
    const parts = sealed.split(":");
    const flipped = Buffer.from(parts[3]!, "base64");
    flipped[0]! ^= 1;
    const tampered = [parts[0], parts[1], parts[2], flipped.toString("base64")].join(":");
    expect(() => decryptSecret(tampered, key)).toThrow(/could not be decrypted/);
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow(/not the key it was encrypted with/);
    expect(() => decryptSecret("garbage", key)).toThrow(/not in a format/);
  });

  it("reads ARBITER_ENCRYPTION_KEY and names it when missing or the wrong size", () => {
    expect(encryptionKey({ ARBITER_ENCRYPTION_KEY: key.toString("base64") })).toEqual(key);
    expect(() => encryptionKey({})).toThrow(/ARBITER_ENCRYPTION_KEY is not set/);
    expect(() => encryptionKey({ ARBITER_ENCRYPTION_KEY: randomBytes(16).toString("base64") })).toThrow(/must be 32 bytes/);
  });
});
