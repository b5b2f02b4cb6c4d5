import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableStatus, nextRetryDelay, parseRetryAfter, type RetryPolicy } from "./retry";

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe("retry policy", () => {
  it("retries 408, 409, 429 and 5xx, and no other 4xx", () => {
    expect([408, 409, 429, 500, 502, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some(isRetryableStatus)).toBe(false);
  });

  it("parses Retry-After as seconds or an HTTP date, and ignores nonsense", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(" 1.5 ")).toBe(1500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("-1")).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter("")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it("backs off exponentially with full jitter, capped", () => {
    expect([1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });

  it("prefers the server's Retry-After, capped, over backoff", () => {
    expect(nextRetryDelay(1, 2_000, policy, () => 1)).toBe(2_000);
    expect(nextRetryDelay(1, 60_000, policy, () => 1)).toBe(5_000);
    expect(nextRetryDelay(2, null, policy, () => 1)).toBe(200);
  });
});
