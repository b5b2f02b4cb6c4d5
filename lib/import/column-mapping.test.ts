import { describe, expect, it } from "vitest";
import { columnMappingSchema, type ColumnMappingInput } from "./column-mapping";
import { PromptFileParser, parsePromptFile } from "./prompt-file-parser";
import { englishText } from "../schemas/field-errors";

const mapped = (records: unknown[], mapping: ColumnMappingInput, format: "jsonl" | "csv" = "jsonl", text?: string) =>
  parsePromptFile(text ?? records.map((record) => JSON.stringify(record)).join("\n"), format, { mapping: columnMappingSchema.parse(mapping) });

describe("a column mapping for a shape Arbiter does not know", () => {
  const row = { query: "Which is larger, 9.11 or 9.9?", sys: "Answer briefly.", resp_1: "9.11", resp_2: "9.9", better: "resp_2", gold: "9.9", uid: "q-17", topic: "numbers" };

  it("reads prompt, system, answers, label, reference and id from the named fields; the rest is metadata", () => {
    const { records, errors } = mapped([row], { prompt: "query", system: "sys", answers: ["resp_1", "resp_2"], label: "better", reference: "gold", id: "uid" });
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      line: 1,
      externalId: "q-17",
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", content: "Which is larger, 9.11 or 9.9?" },
      ],
      referenceAnswer: "9.9",
      answers: [{ content: "9.11" }, { content: "9.9" }],
      judgment: { outcome: "PREFERENCE", ranks: [{ answer: 0, rank: 2 }, { answer: 1, rank: 1 }] },
      metadata: { topic: "numbers" },
      shape: "column-mapping",
    });
  });

  it.each([
    ["2", 1],
    ["B", 1],
    [1, 0],
    ["a", 0],
  ])("takes label %j as answer %i", (better, winner) => {
    const { records } = mapped([{ ...row, better }], { prompt: "query", answers: ["resp_1", "resp_2"], label: "better" });
    expect(records[0]?.judgment?.ranks.find((rank) => rank.rank === 1)?.answer).toBe(winner);
  });

  it("reads tie and both bad, and no label when the field is empty", () => {
    const read = (better: unknown) => mapped([{ ...row, better }], { prompt: "query", answers: ["resp_1", "resp_2"], label: "better" }).records[0]?.judgment;
    expect(read("tie")?.outcome).toBe("TIE");
    expect(read("both bad")?.outcome).toBe("ALL_BAD");
    expect(read(null)).toBeUndefined();
  });

  it("takes chosen and rejected fields as a preference label", () => {
    const { records } = mapped([{ q: "Q", good: "G", bad: "B" }], { prompt: "q", chosen: "good", rejected: "bad" });
    expect(records[0]?.answers).toEqual([
      { content: "G", label: "chosen" },
      { content: "B", label: "rejected" },
    ]);
    expect(records[0]?.judgment?.outcome).toBe("PREFERENCE");
  });

  it("works on CSV columns, and names the file's own column in errors", () => {
    const csv = "question,a,b,winner\nWhat is 2+2?,4,5,a\n,1,2,b\nHi,x,y,c\n";
    const { records, errors } = mapped([], { prompt: "question", answers: ["a", "b"], label: "winner" }, "csv", csv);
    expect(records).toHaveLength(1);
    expect(errors.map((error) => [error.line, error.field])).toEqual([
      [3, "question"],
      [4, "winner"],
    ]);
    expect(errors[1]?.message).toContain('row 4: field "winner": expected the better answer ("a", 1 or A; "b", 2 or B) or "tie" / "both bad", got "c"');
  });

  it("names a bad answer field by its own name", () => {
    const { errors } = mapped([{ q: "Q", x: "ok", y: 7 }], { prompt: "q", answers: ["x", "y"] });
    expect(errors[0]).toMatchObject({ field: "y", message: 'line 1: field "y": expected a string or an object with "content", got a number' });
  });

  it("validates the mapping itself", () => {
    const half = columnMappingSchema.safeParse({ prompt: "q", chosen: "c" }).error?.issues[0];
    expect(half?.path).toEqual(["rejected"]);
    expect(englishText(half?.message ?? "")).toBe("map both chosen and rejected, or neither");
    expect(columnMappingSchema.safeParse({ prompt: "q", answers: ["a"], label: "l" }).error?.issues[0]?.path).toEqual(["label"]);
    expect(englishText(columnMappingSchema.safeParse({ prompt: "q", answers: ["q"] }).error?.issues[0]?.message ?? "")).toBe('the field "q" is mapped twice');
    expect(columnMappingSchema.safeParse({ prompt: "q", extra: "x" }).success).toBe(false);
  });
});

describe("a record in no known shape", () => {
  it("is refused, and the parser keeps its fields for the mapping step", () => {
    const parser = new PromptFileParser("jsonl");
    const events = [...parser.push('{"prompt":"fine"}\n{"query":"Q","resp":"A"}\n{"other":1}\n'), ...parser.end()];
    expect(events.map((event) => event.kind)).toEqual(["record", "error", "error"]);
    expect(parser.unknownShape).toEqual({ line: 2, fields: ["query", "resp"] });
  });

  it("takes already decoded rows (Parquet) numbered as rows", () => {
    const parser = new PromptFileParser("parquet");
    const events = [...parser.pushRows([{ prompt: "a" }, { nope: 1 }]), ...parser.end()];
    expect(events[0]).toMatchObject({ kind: "record", record: { line: 1 } });
    expect(events[1]).toMatchObject({ kind: "error", error: { line: 2, message: expect.stringMatching(/^row 2: no prompt/) } });
  });
});
