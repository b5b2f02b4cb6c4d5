import { describe, expect, it } from "vitest";
import { ApiReplyError, readApiReply } from "./api-reply";

function failure(status: number, body: unknown): ApiReplyError {
  try {
    readApiReply(status, body, "run");
  } catch (error) {
    if (error instanceof ApiReplyError) return error;
    throw error;
  }
  throw new Error("expected readApiReply to throw");
}

describe("readApiReply", () => {
  it("returns the named field of a 2xx body", () => {
    expect(readApiReply(200, { run: { id: "r1", status: "RUNNING" } }, "run")).toEqual({ id: "r1", status: "RUNNING" });
    expect(readApiReply(202, { export: null }, "export")).toBeNull();
  });

  it("refuses a 2xx body without the field, or one that is not JSON", () => {
    expect(failure(200, { other: 1 })).toMatchObject({ status: 200, code: "BAD_REPLY", message: 'The server\'s reply has no "run" (HTTP 200).' });
    expect(failure(200, null).code).toBe("BAD_REPLY");
  });

  it("carries the error's reason key and its string and number params, dropping anything else", () => {
    const error = failure(403, { error: { code: "FORBIDDEN", message: "Your role (ANNOTATOR) may not run generation.", key: "auth.roleMayNot", params: { role: "ANNOTATOR", what: "run generation", n: 2, bad: { x: 1 } } } });
    expect(error).toMatchObject({ key: "auth.roleMayNot", params: { role: "ANNOTATOR", what: "run generation", n: 2 } });
    expect(error.params).not.toHaveProperty("bad");
    expect(failure(404, { error: { code: "NOT_FOUND", message: "No." } }).key).toBeUndefined();
  });

  it("carries the error envelope's code and message", () => {
    expect(failure(404, { error: { code: "NOT_FOUND", message: "No such run." } })).toMatchObject({ status: 404, code: "NOT_FOUND", message: "No such run." });
    expect(failure(401, { error: { code: "UNAUTHENTICATED", message: "Sign in." } }).message).toBe("Sign in.");
  });

  it("names the status when the body is not our envelope", () => {
    expect(failure(502, null)).toMatchObject({ status: 502, code: "HTTP_ERROR", message: "The server answered HTTP 502." });
    expect(failure(500, { error: "boom" }).message).toBe("The server answered HTTP 500.");
    expect(failure(500, { error: { code: 7, message: "" } })).toMatchObject({ code: "HTTP_ERROR", message: "The server answered HTTP 500." });
  });
});
