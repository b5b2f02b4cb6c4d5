import { DatabaseError } from "pg";
import { describe, expect, it } from "vitest";
import { isRetryableConflict, isRetryableQueueError } from "./transaction-options";

describe("which queue errors are retried", () => {
  it("retries deadlocks and serialization failures however Prisma reports them", () => {
    expect(isRetryableConflict({ code: "P2034" })).toBe(true);
    expect(isRetryableConflict({ code: "P2010", meta: { code: "40P01" } })).toBe(true);
    expect(isRetryableConflict({ code: "P2010", meta: { code: "40001" } })).toBe(true);
    expect(isRetryableConflict({ code: "P2010", meta: { code: "23505" } })).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
    // Prisma 6.19 with adapter-pg: the SQLSTATE is inside the driver adapter's error.
    const adapterError = (originalCode: string) => ({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode, kind: "postgres" } } } });
    expect(isRetryableConflict(adapterError("40P01"))).toBe(true);
    expect(isRetryableConflict(adapterError("40001"))).toBe(true);
    expect(isRetryableConflict(adapterError("23505"))).toBe(false);
    expect(isRetryableQueueError(adapterError("23505"))).toBe(true);
    expect(isRetryableQueueError(adapterError("42601"))).toBe(false);
  });

  it("retries the same errors from node-postgres (hotQuery), whose code is the SQLSTATE", () => {
    const pgError = (code: string) => Object.assign(new DatabaseError("from Postgres", 0, "error"), { code });
    expect(isRetryableConflict(pgError("40P01"))).toBe(true);
    expect(isRetryableConflict(pgError("40001"))).toBe(true);
    expect(isRetryableConflict(pgError("23505"))).toBe(false);
    expect(isRetryableQueueError(pgError("23505"))).toBe(true);
    expect(isRetryableQueueError(pgError("23503"))).toBe(false);
    expect(isRetryableQueueError(pgError("42601"))).toBe(false);
  });

  it("a claim also retries a unique violation (two tabs), but not other errors", () => {
    expect(isRetryableQueueError({ code: "P2002" })).toBe(true);
    expect(isRetryableQueueError({ code: "P2010", meta: { code: "23505" } })).toBe(true);
    expect(isRetryableQueueError({ code: "P2010", meta: { code: "42601" } })).toBe(false);
    expect(isRetryableQueueError(new Error("boom"))).toBe(false);
    expect(isRetryableQueueError(undefined)).toBe(false);
  });
});
