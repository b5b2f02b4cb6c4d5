import { describe, expect, it } from "vitest";
import { copyField, findUnstorableText, sequentialIds } from "./copy-text";

describe("COPY text helpers", () => {
  it("escapes what COPY's text format treats specially, and writes null as \\N", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyField("\\N")).toBe("\\\\N");
    expect(copyField('{"x":"line\\nbreak"}')).toBe('{"x":"line\\\\nbreak"}');
  });

  it("makes ids that are valid uuids and sort in the order they were made", () => {
    const next = sequentialIds();
    const ids = Array.from({ length: 300 }, () => next());
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(300);
  });

  it("names the first string Postgres cannot store: NUL or a lone surrogate, in values or keys", () => {
    expect(findUnstorableText({ messages: [{ role: "user", content: "fine 😀" }] }, "")).toBeUndefined();
    expect(findUnstorableText({ messages: [{ role: "user", content: "a\u0000b" }] }, "")).toBe("messages[0].content");
    expect(findUnstorableText({ metadata: { note: "\ud83d" } }, "")).toBe("metadata.note");
    expect(findUnstorableText({ metadata: { "\udc00": 1 } }, "")).toBe("metadata");
  });
});
