import { describe, expect, it } from "vitest";
import { parsePromptFile } from "./testing/english-errors";
import { jsonNestingDepth, MAX_RECORD_DEPTH } from "./raw-record";

const nested = (depth: number) => `{"prompt":"hi","meta":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;

describe("nesting depth of a record", () => {
  it("measures brackets outside strings only, escapes included", () => {
    expect(jsonNestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonNestingDepth('{"a":"[[[{{{\\"[[["}')).toBe(1);
    expect(jsonNestingDepth('{"a":"\\\\"}')).toBe(1);
    expect(jsonNestingDepth("[".repeat(100_000), 64)).toBe(65);
  });

  it("refuses a record 5,000 levels deep (25 KB) as that record's error, by line, and keeps the others", () => {
    const deep = `{"prompt":"x","meta":${'{"a":'.repeat(4_999)}1${"}".repeat(4_999)}}`;
    expect(deep.length).toBeGreaterThan(25_000);
    const cases = [
      { format: "jsonl" as const, text: `{"prompt":"first"}\n${deep}\n{"prompt":"third"}\n`, deepLine: 2, kept: [1, 3] },
      { format: "json" as const, text: `[\n{"prompt":"first"},\n${deep},\n{"prompt":"third"}\n]`, deepLine: 3, kept: [2, 4] },
    ];
    for (const { format, text, deepLine, kept } of cases) {
      const { records, errors } = parsePromptFile(text, format);
      expect(errors).toEqual([{ line: deepLine, message: `line ${deepLine}: the record nests objects and arrays more than ${MAX_RECORD_DEPTH} levels deep; flatten it` }]);
      expect(records.map((record) => record.line)).toEqual(kept);
    }
  });

  it(`accepts exactly ${MAX_RECORD_DEPTH} levels and refuses ${MAX_RECORD_DEPTH + 1}`, () => {
    expect(parsePromptFile(nested(MAX_RECORD_DEPTH), "jsonl").errors).toEqual([]);
    expect(parsePromptFile(nested(MAX_RECORD_DEPTH + 1), "jsonl").errors).toHaveLength(1);
  });
});
