import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isServedOverHttps } from "./security-headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1).join(" ")]));

describe("Content-Security-Policy", () => {
  it("allows inline script by nonce only, never 'unsafe-inline' for scripts nor 'unsafe-eval' in production", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123", isDev: false }));
    expect(policy["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(JSON.stringify(policy)).not.toContain("unsafe-eval");
    expect(policy["frame-ancestors"]).toBe("'none'");
    expect(policy["img-src"]).toBe("'self' data:");
    expect(policy["connect-src"]).toBe("'self'");
    expect(policy["object-src"]).toBe("'none'");
    expect(policy["default-src"]).toBe("'self'");
  });

  it("lets the dev server evaluate its hot-reload code and open its socket", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n", isDev: true }));
    expect(policy["script-src"]).toContain("'unsafe-eval'");
    expect(policy["connect-src"]).toContain("ws:");
  });
});

describe("HTTPS detection for Strict-Transport-Security", () => {
  const base = { isTlsSocket: false, forwardedProto: undefined, trustProxy: false, publicUrl: "http://127.0.0.1:3000" };
  it("is off for plain HTTP and for a client's own X-Forwarded-Proto", () => {
    expect(isServedOverHttps(base)).toBe(false);
    expect(isServedOverHttps({ ...base, forwardedProto: "https" })).toBe(false);
  });
  it("is on behind a trusted proxy that says https, with an https public URL, or over TLS", () => {
    expect(isServedOverHttps({ ...base, forwardedProto: "https, http", trustProxy: true })).toBe(true);
    expect(isServedOverHttps({ ...base, forwardedProto: "http", trustProxy: true })).toBe(false);
    expect(isServedOverHttps({ ...base, publicUrl: "https://arbiter.example.com" })).toBe(true);
    expect(isServedOverHttps({ ...base, isTlsSocket: true })).toBe(true);
  });
});
