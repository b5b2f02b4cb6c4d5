import { describe, expect, it } from "vitest";
import { parsePromptFile } from "./testing/english-errors";

const json = (text: string) => parsePromptFile(text, "json");

describe("a JSON array of records", () => {
  it("reads each element with the line it starts on", () => {
    const text = '[\n  {"prompt": "a"},\n  {\n    "messages": [{"role": "user", "content": "b"}]\n  }\n]\n';
    const { records, errors } = json(text);
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.line, record.messages[0]?.content])).toEqual([
      [2, "a"],
      [3, "b"],
    ]);
  });

  it("is not confused by brackets, commas and escaped quotes inside strings", () => {
    const { records } = json('[{"prompt": "a ] b, \\"c\\" }{ [\\\\"}]');
    expect(records[0]?.messages[0]?.content).toBe('a ] b, "c" }{ [\\');
  });

  it("reads an empty array and an empty file as no records", () => {
    expect(json("[]")).toEqual({ records: [], errors: [] });
    expect(json("  \n")).toEqual({ records: [], errors: [] });
  });

  it("reports a broken element where it is and reads the rest", () => {
    const { records, errors } = json('[\n{"prompt": "a"},\n{"prompt": tru},\n{"prompt": "c"}\n]');
    expect(records.map((record) => record.line)).toEqual([2, 4]);
    expect(errors).toEqual([{ line: 3, message: 'line 3: invalid JSON at column 12: unexpected "t" where a value should be (strings need double quotes)' }]);
  });

  it("points into a multi-line element at the line and column of the mistake", () => {
    const { errors } = json('[\n{\n  "prompt": "a",\n  "id": ?\n}\n]');
    expect(errors).toEqual([
      { line: 2, message: 'line 2: invalid JSON at line 4, column 9: unexpected "?" where a value should be (strings need double quotes)' },
    ]);
  });

  it("rejects elements that are not objects, by line", () => {
    expect(json('[\n"a",\n3\n]').errors).toEqual([
      { line: 2, message: "line 2: expected a JSON object, got a string" },
      { line: 3, message: "line 3: expected a JSON object, got a number" },
    ]);
  });

  it("reports empty elements between commas and before the closing bracket", () => {
    expect(json('[{"prompt":"a"},,{"prompt":"b"},]').errors).toEqual([
      { line: 1, message: "line 1: an empty element: a comma with no value before it" },
      { line: 1, message: 'line 1: a comma before "]" leaves an empty element' },
    ]);
  });

  it("rejects a file that is not an array, suggesting JSONL for an object", () => {
    expect(json('{"prompt": "a"}\n{"prompt": "b"}').errors).toEqual([
      { line: 1, message: 'line 1: expected a JSON array of records starting with "[", got "{" (for one object per line, import the file as JSONL)' },
    ]);
  });

  it("reports text after the array once", () => {
    const { records, errors } = json('[{"prompt": "a"}]\n[{"prompt": "b"}]');
    expect(records).toHaveLength(1);
    expect(errors).toEqual([{ line: 2, message: 'line 2: unexpected text after the array\'s closing "]"' }]);
  });

  it("reports an array that is never closed", () => {
    expect(json('[{"prompt": "a"},\n').errors).toEqual([{ line: 2, message: 'line 2: the file ends before the array is closed with "]"' }]);
    const truncated = json('[{"prompt": "a"},\n{"prompt": "b');
    expect(truncated.records).toHaveLength(1);
    expect(truncated.errors).toEqual([{ line: 2, message: 'line 2: the file ends inside this record (is the array missing its closing "]"?)' }]);
  });
});
