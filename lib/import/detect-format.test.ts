import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect-format";

describe("detectFormat", () => {
  it.each<[string, string, string | null]>([
    ["prompts.jsonl", '{"prompt":"a"}\n', "jsonl"],
    ["prompts.ndjson", '{"prompt":"a"}\n', "jsonl"],
    ["prompts.json", '[{"prompt":"a"}]', "json"],
    ["identity.json", '{"conversations":[]}\n{"conversations":[]}\n', "jsonl"],
    ["train.jsonl", '  \n[{"prompt":"a"}]', "json"],
    ["prompts.csv", "prompt,id\n", "csv"],
    ["PROMPTS.CSV", '{"looks":"like json"}', "csv"],
    ["export", "\uFEFF[\n", "json"],
    ["notes.txt", "id,Prompt,topic\nx,y,z\n", "csv"],
    ["notes.txt", '"prompt"\r\nhello\r\n', "csv"],
    ["notes.txt", "just some text\n", null],
    ["data.parquet", "PAR1", "parquet"],
    ["train-00000-of-00001", "PAR1\u0015\u0004", "parquet"],
    ["data.PARQUET", "", "parquet"],
    ["data.tsv", "prompt\tid\n", null],
    ["data.json", "", "json"],
  ])("%s starting %j is %s", (fileName, head, expected) => {
    expect(detectFormat(fileName, head)).toBe(expected);
  });

  it("sniffs bytes as well as text", () => {
    expect(detectFormat("upload", new TextEncoder().encode('{"prompt":"é"}'))).toBe("jsonl");
    expect(detectFormat("upload", Uint8Array.of(0xef, 0xbb, 0xbf, 0x5b))).toBe("json");
    expect(detectFormat("upload", Uint8Array.of(0x50, 0x41, 0x52, 0x31, 0x15))).toBe("parquet");
  });
});
