import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error";

/** A real refused connection: Node's own error object, with code, errno, syscall, address and port. */
function refusedConnection(): Promise<Error> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: 1 });
    socket.on("error", resolve);
  });
}

describe("describeError", () => {
  it("names the code of a refused connection", async () => {
    const line = describeError(await refusedConnection());
    expect(line).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:1/);
    expect(line).not.toContain("\n");
  });

  it("gives an AggregateError (every address refused) the causes its empty message leaves out", async () => {
    const error = new AggregateError([await refusedConnection(), await refusedConnection()], "");
    expect(error.message).toBe("");
    Object.assign(error, { code: "ECONNREFUSED" });
    const line = describeError(error);
    expect(line).toBe("connect ECONNREFUSED 127.0.0.1:1");
  });

  it("keeps one line of a Prisma error and adds its driver adapter's cause", () => {
    // The shape @prisma/client 6.19 throws over adapter-pg while Postgres is down (logged as "Could not claim tasks: " before).
    const error = Object.assign(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:36587`"), {
      code: "P2010",
      meta: { driverAdapterError: Object.assign(new Error("DatabaseNotReachable"), { cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 36587 } }) },
    });
    expect(describeError(error)).toBe(
      "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:36587` (P2010); cause: DatabaseNotReachable 127.0.0.1:36587",
    );
  });

  it("names a Postgres error's SQLSTATE", () => {
    const error = Object.assign(new Error("\nInvalid `prisma.$executeRaw()` invocation:\n\n\nRaw query failed. Code: `57P03`. Message: `the database system is shutting down`"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P03", originalMessage: "the database system is shutting down" } } },
    });
    expect(describeError(error)).toBe("Raw query failed. Code: `57P03`. Message: `the database system is shutting down` (P2010)");
  });

  it("follows `cause` and never returns an empty line", () => {
    expect(describeError(new Error("fetch failed", { cause: Object.assign(new Error(""), { code: "ECONNRESET" }) }))).toBe("fetch failed; cause: (ECONNRESET)");
    expect(describeError(new Error(""))).toBe("Error");
    expect(describeError(undefined)).toBe("unknown error");
    expect(describeError("plain")).toBe("plain");
  });
});
