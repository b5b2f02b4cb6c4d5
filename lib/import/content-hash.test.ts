import { describe, expect, it } from "vitest";
import { conversationHash } from "../conversation-hash";
import { parsePromptFile } from "./prompt-file-parser";

const hashesOf = (lines: string[]) => parsePromptFile(lines.join("\n"), "jsonl").records.map((record) => record.contentHash);

describe("an imported record's content hash", () => {
  it("is the shared conversationHash of its messages, so imports and seeds agree on duplicates", () => {
    const [record] = parsePromptFile('{"system":"S","prompt":"Who are you?"}', "jsonl").records;
    expect(record?.contentHash).toBe(
      conversationHash([
        { role: "system", content: "S" },
        { role: "user", content: "Who are you?" },
      ]),
    );
  });

  it("is the same for the same conversation in any shape or with other whitespace at the ends of turns", () => {
    const hashes = hashesOf([
      '{"prompt":"Who are you?"}',
      '{"messages":[{"role":"user","content":"  Who are you?\\n"}]}',
      '{"conversations":[{"from":"human","value":"Who are you?"},{"from":"gpt","value":"an answer"}]}',
      '{"instruction":"Who are you?","input":"","id":9}',
    ]);
    expect(new Set(hashes).size).toBe(1);
  });

  it("differs for inner whitespace, roles, turn boundaries and system messages", () => {
    const hashes = hashesOf([
      '{"prompt":"a b"}',
      '{"prompt":"a  b"}',
      '{"system":"a","prompt":"b"}',
      '{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"x"},{"role":"user","content":"b"}]}',
      '{"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}',
    ]);
    expect(new Set(hashes).size).toBe(5);
  });
});
