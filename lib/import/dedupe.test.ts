import { conversationHash } from "../conversation-hash";
import { describe, expect, it } from "vitest";
import { dedupe, Deduper, dedupeStream } from "./dedupe";
import { parsePromptFile } from "./prompt-file-parser";

const file = ['{"prompt":"Who are you?"}', '{"prompt":"  Who are you?\\n"}', '{"prompt":"What is 2+2?"}', '{"prompt":"Hi"}', '{"prompt":"What is 2+2?"}'].join("\n");
const existing = new Set([conversationHash([{ role: "user", content: "Hi" }])]);

describe("dedupe", () => {
  it("drops repeats within the file (ends of turns trimmed) and prompts already in the set, counting each kind", () => {
    const { records, stats } = dedupe(parsePromptFile(file, "jsonl").records, existing);
    expect(records.map((record) => record.line)).toEqual([1, 3]);
    expect(stats).toEqual({ kept: 2, duplicatesInFile: 2, duplicatesOfExisting: 1 });
  });

  it("keeps the exact text of the first occurrence", () => {
    const { records } = dedupe(parsePromptFile(file, "jsonl").records);
    expect(records[0]?.messages[0]?.content).toBe("Who are you?");
  });

  it("tells a streaming caller which line a repeat repeats", () => {
    const deduper = new Deduper(existing);
    const verdicts = parsePromptFile(file, "jsonl").records.map((record) => deduper.check(record));
    expect(verdicts).toEqual([
      { isDuplicate: false },
      { isDuplicate: true, of: "file", firstLine: 1 },
      { isDuplicate: false },
      { isDuplicate: true, of: "existing" },
      { isDuplicate: true, of: "file", firstLine: 3 },
    ]);
  });

  it("filters an async stream and leaves the counts on the deduper", async () => {
    const deduper = new Deduper();
    const kept = [];
    for await (const record of dedupeStream(parsePromptFile(file, "jsonl").records, deduper)) kept.push(record.line);
    expect(kept).toEqual([1, 3, 4]);
    expect(deduper.stats).toEqual({ kept: 3, duplicatesInFile: 2, duplicatesOfExisting: 0 });
  });
});
