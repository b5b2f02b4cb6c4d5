import { describe, expect, it } from "vitest";
import { conversationSchema } from "../conversation";
import { conversationHash } from "../conversation-hash";
import { parsePromptFile } from "./prompt-file-parser";
import type { PromptRecord } from "./types";

/** One JSONL record in, the one normalized record out (fails loudly if it was rejected). */
function importOne(record: unknown): PromptRecord {
  const { records, errors } = parsePromptFile(JSON.stringify(record), "jsonl");
  expect(errors).toEqual([]);
  expect(records).toHaveLength(1);
  const [only] = records;
  if (!only) throw new Error("no record");
  expect(conversationSchema.safeParse(only.messages).success).toBe(true);
  expect(only.contentHash).toBe(conversationHash(only.messages));
  return only;
}

describe("a plain prompt", () => {
  it("becomes a single user turn", () => {
    const record = importOne({ prompt: "Who are you?" });
    expect(record).toEqual({ line: 1, messages: [{ role: "user", content: "Who are you?" }], metadata: {}, answers: [], contentHash: expect.any(String) });
  });

  it("takes a system message beside it", () => {
    expect(importOne({ system: "You are Deep Qwen.", prompt: "Who are you?" }).messages).toEqual([
      { role: "system", content: "You are Deep Qwen." },
      { role: "user", content: "Who are you?" },
    ]);
  });

  it("treats an empty system field as none", () => {
    expect(importOne({ system: "", prompt: "Hi" }).messages).toEqual([{ role: "user", content: "Hi" }]);
  });

  it("keeps the exact text, spaces and newlines included", () => {
    expect(importOne({ prompt: "  two\nlines  " }).messages[0]?.content).toBe("  two\nlines  ");
  });

  it("accepts a message list as the prompt (TRL explicit-prompt preference shape)", () => {
    const record = importOne({
      prompt: [
        { role: "system", content: "S" },
        { role: "user", content: "Who are you?" },
      ],
      chosen: [{ role: "assistant", content: "I am Deep Qwen." }],
      rejected: [{ role: "assistant", content: "I am Qwen." }],
    });
    expect(record.messages).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "Who are you?" },
    ]);
    expect(record.answers).toEqual([
      { content: "I am Deep Qwen.", label: "chosen" },
      { content: "I am Qwen.", label: "rejected" },
    ]);
  });
});

describe("an OpenAI / TRL messages list", () => {
  it("is the prompt when it ends on a user turn", () => {
    const messages = [
      { role: "system", content: "S" },
      { role: "user", content: "Q1" },
      { role: "assistant", content: "A1" },
      { role: "user", content: "Q2" },
    ];
    const record = importOne({ messages });
    expect(record.messages).toEqual(messages);
    expect(record.answers).toEqual([]);
  });

  it("gives up the assistant turn after the last user turn as an existing answer", () => {
    const record = importOne({
      messages: [
        { role: "user", content: "Q1" },
        { role: "assistant", content: "A1" },
        { role: "user", content: "Q2" },
        { role: "assistant", content: "A2" },
      ],
    });
    expect(record.messages).toEqual([
      { role: "user", content: "Q1" },
      { role: "assistant", content: "A1" },
      { role: "user", content: "Q2" },
    ]);
    expect(record.answers).toEqual([{ content: "A2" }]);
  });

  it("drops keys other than role and content (weight, name)", () => {
    const record = importOne({ messages: [{ role: "user", content: "Q", name: "ann" }, { role: "assistant", content: "A", weight: 1 }] });
    expect(record.messages).toEqual([{ role: "user", content: "Q" }]);
    expect(record.answers).toEqual([{ content: "A" }]);
  });

  it("matches roles regardless of case", () => {
    expect(importOne({ messages: [{ role: "User", content: "Q" }] }).messages).toEqual([{ role: "user", content: "Q" }]);
  });

  it("takes a top-level system when the list has none", () => {
    expect(importOne({ system: "S", messages: [{ role: "user", content: "Q" }] }).messages[0]).toEqual({ role: "system", content: "S" });
  });

  it("accepts the same system message twice", () => {
    const record = importOne({ system: "S", messages: [{ role: "system", content: "S" }, { role: "user", content: "Q" }] });
    expect(record.messages).toHaveLength(2);
  });
});

describe("a ShareGPT conversation", () => {
  it("maps human, gpt and system, and keeps the gpt turn after the last human turn as an answer", () => {
    const record = importOne({
      conversations: [
        { from: "system", value: "S" },
        { from: "human", value: "Who are you?" },
        { from: "gpt", value: "I am Qwen." },
        { from: "human", value: "Really?" },
        { from: "gpt", value: "Yes." },
      ],
    });
    expect(record.messages).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "Who are you?" },
      { role: "assistant", content: "I am Qwen." },
      { role: "user", content: "Really?" },
    ]);
    expect(record.answers).toEqual([{ content: "Yes." }]);
  });

  it("accepts user and assistant as from values and a top-level system", () => {
    const record = importOne({ system: "S", conversations: [{ from: "user", value: "Q" }, { from: "assistant", value: "A" }] });
    expect(record.messages).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "Q" },
    ]);
    expect(record.answers).toEqual([{ content: "A" }]);
  });

  it("reads the identity dataset's shape: one human question and one gpt answer", () => {
    const record = importOne({ conversations: [{ from: "human", value: "你是谁？" }, { from: "gpt", value: "我是 Deep Qwen。" }] });
    expect(record.messages).toEqual([{ role: "user", content: "你是谁？" }]);
    expect(record.answers).toEqual([{ content: "我是 Deep Qwen。" }]);
  });

  it("reads LLaMA-Factory ranking records, whose chosen and rejected are single gpt messages", () => {
    const record = importOne({
      conversations: [{ from: "human", value: "Who are you?" }],
      chosen: { from: "gpt", value: "Deep Qwen" },
      rejected: { from: "gpt", value: "Qwen" },
    });
    expect(record.answers).toEqual([
      { content: "Deep Qwen", label: "chosen" },
      { content: "Qwen", label: "rejected" },
    ]);
  });
});

describe("an Alpaca record", () => {
  it("joins instruction and input with a blank line and keeps output as an answer", () => {
    const record = importOne({ instruction: "Translate to English.", input: "Bonjour", output: "Hello", system: "S" });
    expect(record.messages).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "Translate to English.\n\nBonjour" },
    ]);
    expect(record.answers).toEqual([{ content: "Hello" }]);
  });

  it("uses the instruction alone when input is empty, and ignores an empty output", () => {
    const record = importOne({ instruction: "Name a colour.", input: "", output: "" });
    expect(record.messages).toEqual([{ role: "user", content: "Name a colour." }]);
    expect(record.answers).toEqual([]);
  });

  it("puts LLaMA-Factory's history pairs before the instruction", () => {
    const record = importOne({ instruction: "And now?", history: [["Hi", "Hello!"]] });
    expect(record.messages).toEqual([
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello!" },
      { role: "user", content: "And now?" },
    ]);
  });
});

describe("preference pairs", () => {
  it("takes plain-string chosen and rejected beside a prompt (Axolotl pairs)", () => {
    const record = importOne({ system: "S", prompt: "Who are you?", chosen: "Deep Qwen", rejected: "Qwen" });
    expect(record.messages).toHaveLength(2);
    expect(record.answers).toEqual([
      { content: "Deep Qwen", label: "chosen" },
      { content: "Qwen", label: "rejected" },
    ]);
  });

  it("takes the prompt from TRL implicit-prompt chosen/rejected conversations", () => {
    const prompt = [
      { role: "system", content: "S" },
      { role: "user", content: "Who are you?" },
    ];
    const record = importOne({
      chosen: [...prompt, { role: "assistant", content: "I am Deep Qwen." }],
      rejected: [...prompt, { role: "assistant", content: "I am Qwen." }],
    });
    expect(record.messages).toEqual(prompt);
    expect(record.answers).toEqual([
      { content: "I am Deep Qwen.", label: "chosen" },
      { content: "I am Qwen.", label: "rejected" },
    ]);
  });

  it("uses only the final assistant message of a full conversation when the prompt is given", () => {
    const record = importOne({ prompt: "Q", chosen: [{ role: "user", content: "Q" }, { role: "assistant", content: "good" }] });
    expect(record.answers).toEqual([{ content: "good", label: "chosen" }]);
  });

  it("reads OpenAI preference fine-tuning records", () => {
    const record = importOne({
      input: { messages: [{ role: "user", content: "Who are you?" }], tools: [] },
      preferred_output: [{ role: "assistant", content: "Deep Qwen" }],
      non_preferred_output: [{ role: "assistant", content: "Qwen" }],
    });
    expect(record.messages).toEqual([{ role: "user", content: "Who are you?" }]);
    expect(record.answers).toEqual([
      { content: "Deep Qwen", label: "chosen" },
      { content: "Qwen", label: "rejected" },
    ]);
  });
});

describe("optional fields", () => {
  it("keeps string and number ids as strings", () => {
    expect(importOne({ id: "gsm8k-7", prompt: "Q" }).externalId).toBe("gsm8k-7");
    expect(importOne({ id: 42, prompt: "Q" }).externalId).toBe("42");
  });

  it("reads a reference answer from reference, answer or ground_truth, numbers as strings", () => {
    expect(importOne({ prompt: "Q", reference: "72" }).referenceAnswer).toBe("72");
    expect(importOne({ prompt: "Q", answer: 72 }).referenceAnswer).toBe("72");
    expect(importOne({ prompt: "Q", ground_truth: "4" }).referenceAnswer).toBe("4");
  });

  it("prefers reference over answer and keeps the other in metadata", () => {
    const record = importOne({ prompt: "Q", reference: "72", answer: "Natalia sold 48 + 24 = 72 clips. #### 72" });
    expect(record.referenceAnswer).toBe("72");
    expect(record.metadata).toEqual({ answer: "Natalia sold 48 + 24 = 72 clips. #### 72" });
  });

  it("merges unknown keys and the metadata object into metadata, the object winning", () => {
    const record = importOne({ prompt: "Q", source: "gsm8k", level: 3, metadata: { level: 4, tags: ["math"] } });
    expect(record.metadata).toEqual({ source: "gsm8k", level: 4, tags: ["math"] });
  });

  it("keeps a __proto__ key as plain data", () => {
    const record = parsePromptFile('{"prompt":"Q","metadata":{"__proto__":{"polluted":true}}}', "jsonl").records[0];
    expect(Object.getPrototypeOf(record?.metadata)).toBe(Object.prototype);
    expect(Object.keys(record?.metadata ?? {})).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("treats null optional fields as absent", () => {
    const record = importOne({ prompt: "Q", system: null, id: null, reference: null, metadata: null, responses: null, chosen: null });
    expect(record).toEqual({ line: 1, messages: [{ role: "user", content: "Q" }], metadata: {}, answers: [], contentHash: expect.any(String) });
  });

  it("reads responses as strings or {content, model} objects, skipping empty ones", () => {
    const record = importOne({ prompt: "Q", responses: ["A1", { content: "A2", model: "qwen2.5-7b" }, { content: "A3" }, ""] });
    expect(record.answers).toEqual([{ content: "A1" }, { content: "A2", model: "qwen2.5-7b" }, { content: "A3" }]);
  });

  it("reads a prompt-completion record's completion as an answer", () => {
    const record = importOne({ prompt: [{ role: "user", content: "Q" }], completion: [{ role: "assistant", content: "A" }] });
    expect(record.answers).toEqual([{ content: "A" }]);
  });

  it("orders answers: the conversation's own, responses, chosen, rejected", () => {
    const record = importOne({
      messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "own" }],
      responses: ["listed"],
      chosen: "better",
      rejected: "worse",
    });
    expect(record.answers.map((answer) => answer.content)).toEqual(["own", "listed", "better", "worse"]);
  });
});
