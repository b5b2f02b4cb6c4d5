import { describe, expect, it } from "vitest";
import { englishText } from "../schemas/field-errors";
import { NO_PROMPT_MESSAGE } from "./normalize-record";
import { parsePromptFile } from "./testing/english-errors";
import type { RecordError } from "./types";

/** The single error one JSONL line produces. */
function rejectionOf(record: unknown): RecordError {
  const line = typeof record === "string" ? record : JSON.stringify(record);
  const { records, errors } = parsePromptFile(line, "jsonl");
  expect(records).toEqual([]);
  expect(errors).toHaveLength(1);
  const [error] = errors;
  if (!error) throw new Error("no error");
  return error;
}

const user = (content: string) => ({ role: "user", content });
const assistant = (content: string) => ({ role: "assistant", content });

describe("a file with bad lines", () => {
  it("reports each bad line with its number and still imports the good ones", () => {
    const text = [
      '{"prompt":"one"}',
      "",
      '{"prompt": "two",}',
      '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hey"},{"role":"bot","content":"x"}]}',
      "   ",
      '{"prompt":"three"}',
      '{"messages":[{"role":"assistant","content":"only me"}]}',
    ].join("\n");
    const { records, errors } = parsePromptFile(text, "jsonl");
    expect(records.map((record) => record.line)).toEqual([1, 6]);
    expect(errors).toEqual([
      { line: 3, message: 'line 3: invalid JSON at column 18: a comma before "}" leaves an empty property' },
      {
        line: 4,
        field: "messages[2].role",
        message: 'line 4: field "messages[2].role": expected one of system, user, assistant, got "bot"',
      },
      { line: 7, field: "messages", message: 'line 7: field "messages": the conversation has no user turn' },
    ]);
  });

  it("says where in the line the JSON breaks", () => {
    expect(rejectionOf('{"prompt": "x" "y"}').message).toBe('line 1: invalid JSON at column 16: expected "," or "}", got "\\""');
  });
});

describe("the record itself", () => {
  it.each([
    ["[1, 2]", "expected a JSON object, got a list"],
    ['"just a string"', "expected a JSON object, got a string"],
    ["42", "expected a JSON object, got a number"],
    ["null", "expected a JSON object, got null"],
  ])("rejects %s", (line, message) => {
    expect(rejectionOf(line)).toEqual({ line: 1, message: `line 1: ${message}` });
  });

  it("rejects a record without any prompt field", () => {
    expect(rejectionOf({ text: "hello" })).toEqual({
      line: 1,
      message: `line 1: ${englishText(NO_PROMPT_MESSAGE)}`,
    });
  });

  it("rejects a record with two prompt fields", () => {
    expect(rejectionOf({ prompt: "a", messages: [user("b")] })).toEqual({
      line: 1,
      field: "messages",
      message: 'line 1: field "messages": the record has both "prompt" and "messages" as its prompt; keep one',
    });
  });
});

describe("prompt text", () => {
  it("rejects an empty or blank prompt", () => {
    expect(rejectionOf({ prompt: "" })).toEqual({ line: 1, field: "prompt", message: 'line 1: field "prompt": the prompt is empty' });
    expect(rejectionOf({ prompt: " \n\t" }).field).toBe("prompt");
  });

  it("rejects a blank last user turn and a blank earlier turn", () => {
    expect(rejectionOf({ messages: [user("a"), assistant("b"), user("  ")] })).toMatchObject({
      field: "messages[2].content",
      message: 'line 1: field "messages[2].content": the prompt is empty',
    });
    expect(rejectionOf({ messages: [user(""), assistant("b"), user("c")] })).toMatchObject({
      field: "messages[0].content",
      message: 'line 1: field "messages[0].content": the message is empty',
    });
  });

  it("rejects a prompt that is neither text nor messages", () => {
    expect(rejectionOf({ prompt: 5 }).message).toBe('line 1: field "prompt": expected a string or a list of messages, got a number');
  });
});

describe("message lists", () => {
  it.each<[unknown, string, string]>([
    [{ messages: "hi" }, "messages", "expected a list of messages, got a string"],
    [{ messages: [] }, "messages", "the conversation is empty"],
    [{ messages: ["hi"] }, "messages[0]", "expected a message object, got a string"],
    [{ messages: [{ content: "hi" }] }, "messages[0].role", "expected one of system, user, assistant, got nothing"],
    [{ messages: [{ role: 1, content: "hi" }] }, "messages[0].role", "expected one of system, user, assistant, got a number"],
    [{ messages: [{ role: "tool", content: "{}" }, user("q")] }, "messages[0].role", 'expected one of system, user, assistant, got "tool"'],
    [{ messages: [{ role: "user" }] }, "messages[0].content", "expected a string, got nothing"],
    [{ messages: [{ role: "user", content: null }] }, "messages[0].content", "expected a string, got null"],
    [
      { messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] },
      "messages[0].content",
      "expected a string, got a list (only plain-text content is supported)",
    ],
    [{ messages: [user("a"), { role: "system", content: "late" }, user("b")] }, "messages[1].role", "a system message may only come first"],
    [{ messages: [{ role: "system", content: "S" }] }, "messages", "the conversation has no user turn"],
    [{ conversations: [{ from: "bot", value: "x" }] }, "conversations[0].from", 'expected one of system, human, user, gpt, assistant, got "bot"'],
    [{ conversations: [{ from: "human", value: 3 }] }, "conversations[0].value", "expected a string, got a number"],
    [{ conversations: [{ from: "gpt", value: "hello" }] }, "conversations", "the conversation has no user turn"],
    [{ input: { messages: [assistant("a")] } }, "input.messages", "the conversation has no user turn"],
  ])("rejects %j at %s", (record, field, message) => {
    expect(rejectionOf(record)).toEqual({ line: 1, field, message: `line 1: field "${field}": ${message}` });
  });
});

describe("Alpaca fields", () => {
  it.each<[unknown, string, string]>([
    [{ instruction: "" }, "instruction", "the instruction is empty"],
    [{ instruction: 7 }, "instruction", "expected a string, got a number"],
    [{ instruction: "Do it", input: ["x"] }, "input", "expected a string, got a list"],
    [{ instruction: "Do it", output: 1 }, "output", "expected a string, got a number"],
    [{ instruction: "Do it", history: [["only one"]] }, "history[0]", "expected a pair of strings [instruction, response]"],
  ])("rejects %j at %s", (record, field, message) => {
    expect(rejectionOf(record)).toEqual({ line: 1, field, message: `line 1: field "${field}": ${message}` });
  });
});

describe("system field", () => {
  it("rejects a system field that contradicts the conversation's own", () => {
    expect(rejectionOf({ system: "A", messages: [{ role: "system", content: "B" }, user("q")] })).toMatchObject({
      field: "system",
      message: 'line 1: field "system": the conversation already starts with a different system message; keep one',
    });
  });

  it("rejects a system field that is not text", () => {
    expect(rejectionOf({ system: { text: "x" }, prompt: "q" }).message).toBe('line 1: field "system": expected a string, got an object');
  });
});

describe("answers and preference pairs", () => {
  it.each<[unknown, string, string]>([
    [{ prompt: "q", chosen: [user("q")] }, "chosen[0].role", `the last message must be the assistant's answer, got "user"`],
    [{ prompt: "q", chosen: { role: "user", content: "x" } }, "chosen.role", 'expected an assistant message, got "user"'],
    [{ prompt: "q", rejected: 3 }, "rejected", "expected a string or a list of messages, got a number"],
    [{ chosen: [assistant("a")], rejected: [assistant("b")] }, "chosen", "the conversation has no user turn"],
    [
      { chosen: [user("q1"), assistant("a")], rejected: [user("q2"), assistant("b")] },
      "rejected",
      '"chosen" and "rejected" continue different conversations',
    ],
    [{ prompt: "q", responses: { a: 1 } }, "responses", 'expected a list of strings or {"content", "model"} objects, got an object'],
    [{ prompt: "q", responses: ["ok", 3] }, "responses[1]", 'expected a string or an object with "content", got a number'],
    [{ prompt: "q", responses: [{ text: "x" }] }, "responses[0].content", "expected a string, got nothing"],
    [{ prompt: "q", responses: [{ content: "x", model: 7 }] }, "responses[0].model", "expected a string, got a number"],
  ])("rejects %j at %s", (record, field, message) => {
    expect(rejectionOf(record)).toEqual({ line: 1, field, message: `line 1: field "${field}": ${message}` });
  });

  it("rejects string chosen/rejected without any prompt", () => {
    expect(rejectionOf({ chosen: "a", rejected: "b" }).field).toBeUndefined();
  });
});

describe("id, reference and metadata", () => {
  it.each<[unknown, string, string]>([
    [{ prompt: "q", id: { n: 1 } }, "id", "expected a string or a number, got an object"],
    [{ prompt: "q", reference: true }, "reference", "expected a string or a number, got a boolean"],
    [{ prompt: "q", answer: [72] }, "answer", "expected a string or a number, got a list"],
    [{ prompt: "q", metadata: ["a"] }, "metadata", "expected an object, got a list"],
    [{ prompt: "q", metadata: "a" }, "metadata", "expected an object, got a string"],
  ])("rejects %j at %s", (record, field, message) => {
    expect(rejectionOf(record)).toEqual({ line: 1, field, message: `line 1: field "${field}": ${message}` });
  });
});
