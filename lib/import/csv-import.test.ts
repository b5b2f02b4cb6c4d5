import { describe, expect, it } from "vitest";
import { parsePromptFile } from "./testing/english-errors";

const csv = (text: string) => parsePromptFile(text, "csv");

describe("CSV columns", () => {
  it("reads every known column and puts the others into metadata", () => {
    const text = [
      "id,system,prompt,reference,response,chosen,rejected,category,difficulty",
      "q1,Be brief.,What is 6*7?,42,Forty-two,42,41,math,easy",
    ].join("\n");
    const { records, errors } = csv(text);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        line: 2,
        externalId: "q1",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "What is 6*7?" },
        ],
        referenceAnswer: "42",
        metadata: { category: "math", difficulty: "easy" },
        answers: [{ content: "Forty-two" }, { content: "42", label: "chosen" }, { content: "41", label: "rejected" }],
        // The chosen/rejected pair is the file's preference label, over answers 1 and 2.
        judgment: { outcome: "PREFERENCE", ranks: [{ answer: 1, rank: 1 }, { answer: 2, rank: 2 }] },
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it("matches known column names regardless of case and spaces, and keeps metadata names as written", () => {
    const { records } = csv(" Prompt ,Answer, Topic \nHi,1,greeting\n");
    expect(records[0]).toMatchObject({ messages: [{ role: "user", content: "Hi" }], referenceAnswer: "1", metadata: { Topic: "greeting" } });
  });

  it("treats empty cells as absent values", () => {
    const { records } = csv("prompt,system,id,answer,topic\nHi,,,,\n");
    expect(records[0]).toEqual({ line: 2, messages: [{ role: "user", content: "Hi" }], metadata: {}, answers: [], contentHash: expect.any(String) });
  });

  it("reads Alpaca-style instruction and input columns", () => {
    const { records } = csv("instruction,input,output\nTranslate,Bonjour,Hello\nSay hi,,\n");
    expect(records.map((record) => record.messages)).toEqual([[{ role: "user", content: "Translate\n\nBonjour" }], [{ role: "user", content: "Say hi" }]]);
    expect(records[0]?.answers).toEqual([{ content: "Hello" }]);
  });

  it("reads a responses column as one answer", () => {
    expect(csv("prompt,responses\nQ,A\n").records[0]?.answers).toEqual([{ content: "A" }]);
  });

  it("names columns without a header as column_N", () => {
    expect(csv("prompt,\nQ,x\n").records[0]?.metadata).toEqual({ column_2: "x" });
  });

  it("reads a file with only a header as empty, and an empty file as empty", () => {
    expect(csv("prompt,id\n")).toEqual({ records: [], errors: [] });
    expect(csv("")).toEqual({ records: [], errors: [] });
  });
});

describe("RFC 4180 quoting", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const text = 'prompt,id\n"Hello, ""world""",1\n"two\nlines",2\n"",3\n';
    const { records, errors } = csv(text);
    expect(records.map((record) => record.messages[0]?.content)).toEqual(['Hello, "world"', "two\nlines"]);
    expect(errors).toEqual([{ line: 4, field: "prompt", message: 'row 4: field "prompt": the prompt is empty' }]);
  });

  it("numbers rows as a spreadsheet does: a line break inside quotes stays in its row", () => {
    const text = 'prompt,id\n"a\nb\nc",1\nnext,2\n';
    expect(csv(text).records.map((record) => [record.line, record.externalId])).toEqual([
      [2, "1"],
      [3, "2"],
    ]);
  });

  it("reads CRLF, LF and lone CR line ends, and a last row without a line end", () => {
    const text = 'prompt,id\r\n"x\r\ny",1\r\nb,2\rc,3\nd,4';
    const { records, errors } = csv(text);
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.line, record.messages[0]?.content])).toEqual([
      [2, "x\r\ny"],
      [3, "b"],
      [4, "c"],
      [5, "d"],
    ]);
  });

  it("strips the byte-order mark Excel writes", () => {
    expect(csv("\uFEFFprompt\nHi\n").records).toHaveLength(1);
  });

  it("keeps a quote inside an unquoted field as text", () => {
    expect(csv('prompt\nHow tall is 5\'10"?\n').records[0]?.messages[0]?.content).toBe("How tall is 5'10\"?");
  });

  it("skips blank lines but counts them as rows", () => {
    expect(csv("prompt\n\na\n\nb\n").records.map((record) => record.line)).toEqual([3, 5]);
  });

  it("reports text after a closing quote and goes on", () => {
    const { records, errors } = csv('prompt,id\n"a"b,1\nok,2\n');
    expect(errors).toEqual([{ line: 2, message: 'row 2: column 1 has text after its closing quote (a quote inside a quoted field is written "")' }]);
    expect(records.map((record) => record.line)).toEqual([3]);
  });

  it("reports a quoted field that is never closed at the row where it starts", () => {
    const { records, errors } = csv('prompt,id\nok,1\n"never closed,2\nmore,3\n');
    expect(records.map((record) => record.line)).toEqual([2]);
    expect(errors).toEqual([
      { line: 3, message: 'row 3: a quoted field is never closed (a " is missing), so the rest of the file was read as part of it' },
    ]);
  });
});

describe("CSV structure errors", () => {
  it("rejects a header without a prompt column once, at row 1", () => {
    expect(csv("question,id\nHi,1\nHo,2\n")).toEqual({
      records: [],
      errors: [{ line: 1, message: 'row 1: missing column "prompt" (or "instruction"); the first row must name the columns, e.g. prompt,system,id; for other columns, map them' }],
    });
  });

  it("rejects a duplicate column", () => {
    expect(csv("prompt,Prompt\na,b\n").errors).toEqual([{ line: 1, message: 'row 1: duplicate column "Prompt"' }]);
  });

  it("rejects rows with too few or too many fields, with a hint about quoting", () => {
    const { records, errors } = csv("prompt,id,topic\na,1\nb,2,x,y\nc,3,z,\n");
    expect(errors).toEqual([
      { line: 2, message: "row 2: expected 3 fields as in the header, got 2" },
      { line: 3, message: "row 3: expected 3 fields as in the header, got 4 (a field that holds a comma must be in double quotes)" },
    ]);
    expect(records.map((record) => record.line)).toEqual([4]);
  });

  it("rejects an empty prompt cell by its column", () => {
    expect(csv("prompt,id\n,7\n  ,8\n").errors).toEqual([
      { line: 2, field: "prompt", message: 'row 2: field "prompt": the prompt is empty' },
      { line: 3, field: "prompt", message: 'row 3: field "prompt": the prompt is empty' },
    ]);
  });

  it("rejects an empty instruction cell in an Alpaca-style file", () => {
    expect(csv("instruction,input\n,x\n").errors).toEqual([{ line: 2, field: "instruction", message: 'row 2: field "instruction": the instruction is empty' }]);
  });
});
