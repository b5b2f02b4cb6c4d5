import { describe, expect, it } from "vitest";
import { isTransientDatabaseError } from "./transient-error";

describe("isTransientDatabaseError", () => {
  it("is true for a deadlock, a serialization failure, a lost connection and an admin shutdown, from node-postgres or Prisma", () => {
    for (const code of ["40P01", "40001", "08006", "08003", "57P01", "53300", "ECONNRESET", "ECONNREFUSED", "P1001", "P2024", "P2028", "P2034"]) {
      expect(isTransientDatabaseError(Object.assign(new Error("x"), { code })), code).toBe(true);
    }
    // Prisma's raw-query failure carries the SQLSTATE in the driver adapter's cause.
    expect(isTransientDatabaseError({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } })).toBe(true);
    expect(isTransientDatabaseError(new Error("Connection terminated unexpectedly"))).toBe(true);
  });

  it("is false for what running again would not mend: a constraint, a syntax error, a plain bug, not an error at all", () => {
    for (const code of ["23505", "23503", "42601", "22P02", "P2002", "P2025"]) {
      expect(isTransientDatabaseError(Object.assign(new Error("x"), { code })), code).toBe(false);
    }
    expect(isTransientDatabaseError({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23505" } } } })).toBe(false);
    expect(isTransientDatabaseError(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
    expect(isTransientDatabaseError("40P01")).toBe(false);
  });
});
