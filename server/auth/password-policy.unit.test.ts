import { describe, expect, it } from "vitest";
import { weakPasswordReason } from "./password-policy";

describe("password policy", () => {
  it("refuses common and trivial passwords with the reason and advice", () => {
    expect(weakPasswordReason("password1234")).toBe(
      "This password is too easy to guess: it is too close to a commonly used password. Add more words that are less common. A few unrelated words make a strong one.",
    );
    expect(weakPasswordReason("aaaaaaaaaaaa")).toMatch(/^This password is too easy to guess: repeated characters like "aaa" are easy to guess\. /);
    expect(weakPasswordReason("qwertyuiop12")).toMatch(/too easy to guess/);
  });

  it("counts the account's email and name as known words", () => {
    expect(weakPasswordReason("lovelaceada", ["ada.lovelace@example.com", "Ada Lovelace"])).toMatch(/^This password is too easy to guess: it contains the account's own email or name\./);
  });

  it("accepts passphrases and generated passwords", () => {
    expect(weakPasswordReason("lantern orbit cactus velvet")).toBeUndefined();
    expect(weakPasswordReason("Kx7mPq2vRt9wLn4hBz6c")).toBeUndefined();
    expect(weakPasswordReason(`pw-${crypto.randomUUID()}`)).toBeUndefined();
  });
});
