import { randomBytes } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, sessionTokenKey } from "./session-token";

const secret = randomBytes(32).toString("base64url");
const claims = { sub: "1b4e28ba-2fa1-11d2-883f-0016d3cca427", sv: 3 };

describe("decodeSessionToken, next-auth's decode with the derived key cached", () => {
  it("reads a token next-auth encoded, giving what next-auth's own decode gives", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const ours = await decodeSessionToken({ token, secret });
    expect(ours).toMatchObject(claims);
    expect(ours).toEqual(await decode({ token, secret }));
  });

  it("reads a salted token (next-auth's other JWTs) with the salt's own key", async () => {
    const token = await encode({ token: claims, secret, salt: "authjs.test", maxAge: 3600 });
    expect(await decodeSessionToken({ token, secret, salt: "authjs.test" })).toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow();
  });

  it("derives the key once per secret and salt", () => {
    expect(sessionTokenKey(secret)).toBe(sessionTokenKey(secret));
    expect(sessionTokenKey(secret)).not.toBe(sessionTokenKey(secret, "other"));
    expect(sessionTokenKey(secret).export().equals(sessionTokenKey(`${secret}x`).export())).toBe(false);
  });

  it("refuses a token made with another secret, a tampered one and an expired one", async () => {
    const foreign = await encode({ token: claims, secret: randomBytes(32).toString("base64url"), maxAge: 3600 });
    await expect(decodeSessionToken({ token: foreign, secret })).rejects.toThrow();

    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const [header, key, iv, ciphertext, tag] = token.split(".");
    const flipped = `${ciphertext!.slice(0, -2)}${ciphertext!.endsWith("AA") ? "BB" : "AA"}`;
    await expect(decodeSessionToken({ token: [header, key, iv, flipped, tag].join("."), secret })).rejects.toThrow();

    // Past the 15 s clock tolerance next-auth allows.
    const expired = await encode({ token: claims, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
  });

  it("gives null for no token, as next-auth's decode does", async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
