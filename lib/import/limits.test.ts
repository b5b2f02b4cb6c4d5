import { describe, expect, it } from "vitest";
import { PromptFileParser } from "./prompt-file-parser";
import { parsePromptFile } from "./testing/english-errors";
import { DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_RECORDS } from "./types";

describe("the record size limit", () => {
  it("defaults to 1 MiB and says how big the record is", () => {
    expect(DEFAULT_MAX_RECORD_BYTES).toBe(1024 * 1024);
    const big = `{"prompt":"${"x".repeat(Math.round(2.3 * 1024 * 1024))}"}`;
    const { records, errors } = parsePromptFile(`${big}\n{"prompt":"small"}\n`, "jsonl");
    expect(errors).toEqual([{ line: 1, message: "line 1: record is 2.3 MB, the limit is 1 MB" }]);
    expect(records.map((record) => record.line)).toEqual([2]);
  });

  it("counts UTF-8 bytes, not characters, and accepts a record exactly at the limit", () => {
    const line = '{"prompt":"ééé"}'; // 16 characters, 19 bytes
    expect(parsePromptFile(line, "jsonl", { maxRecordBytes: 19 }).errors).toEqual([]);
    expect(parsePromptFile(line, "jsonl", { maxRecordBytes: 18 }).errors).toEqual([{ line: 1, message: "line 1: record is 19 bytes, the limit is 18 bytes" }]);
  });

  it("gives exact bytes when rounding would show the same size twice", () => {
    const line = `{"prompt":"${"x".repeat(2000)}"}`;
    expect(parsePromptFile(line, "jsonl", { maxRecordBytes: 2000 }).errors[0]?.message).toBe("line 1: record is 2,013 bytes, the limit is 2,000 bytes");
  });

  it("applies to JSON array elements and goes on with the next one", () => {
    const text = `[\n{"prompt":"${"y".repeat(3000)}"},\n{"prompt":"ok"}\n]`;
    const { records, errors } = parsePromptFile(text, "json", { maxRecordBytes: 1024 });
    expect(errors).toEqual([{ line: 2, message: "line 2: record is 2.9 KB, the limit is 1 KB" }]);
    expect(records.map((record) => record.line)).toEqual([3]);
  });

  it("applies to CSV rows, and to the header", () => {
    const row = `"${"z".repeat(3000)}",1`;
    const { records, errors } = parsePromptFile(`prompt,id\n${row}\nok,2\n`, "csv", { maxRecordBytes: 1024 });
    expect(errors).toEqual([{ line: 2, message: "row 2: record is 2.9 KB, the limit is 1 KB" }]);
    expect(records.map((record) => record.line)).toEqual([3]);
    expect(parsePromptFile(`prompt,${"c".repeat(100)}\nx,y\n`, "csv", { maxRecordBytes: 50 }).errors).toEqual([
      { line: 1, message: "row 1: the header row is 107 bytes, the limit is 50 bytes" },
    ]);
  });

  it("holds only the limit in memory while skipping a huge line", () => {
    const parser = new PromptFileParser("jsonl", { maxRecordBytes: 100 });
    const chunk = "x".repeat(10_000);
    for (let i = 0; i < 100; i++) expect(parser.push(chunk)).toEqual([]);
    expect(parser.push('\n{"prompt":"after"}\n')).toEqual([
      { kind: "error", error: { line: 1, unit: "line", problem: { key: "field.text", params: { text: "record is 976.6 KB, the limit is 100 bytes" } }, message: "line 1: record is 976.6 KB, the limit is 100 bytes" } },
      { kind: "record", record: expect.objectContaining({ line: 2 }) },
    ]);
  });
});

describe("the record count limit", () => {
  it("defaults to a million", () => {
    expect(DEFAULT_MAX_RECORDS).toBe(1_000_000);
  });

  it("stops after the limit and says so once, counting bad records too", () => {
    const lines = ['{"prompt":"1"}', "{bad", "", '{"prompt":"3"}', '{"prompt":"4"}', '{"prompt":"5"}'];
    const { records, errors } = parsePromptFile(lines.join("\n"), "jsonl", { maxRecords: 3 });
    expect(records.map((record) => record.line)).toEqual([1, 4]);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^line 2: invalid JSON/),
      "line 5: the file has more than 3 records; the rest was not read",
    ]);
  });

  it("does not count the CSV header or blank rows", () => {
    const { records, errors } = parsePromptFile("prompt\n\na\nb\n", "csv", { maxRecords: 2 });
    expect(records).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("reports how many records were read", () => {
    const parser = new PromptFileParser("csv");
    parser.push("prompt\na\n,\nb");
    parser.end();
    expect(parser.recordCount).toBe(3);
  });
});
