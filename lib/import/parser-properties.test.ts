import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversationSchema, type ChatMessage } from "../conversation";
import { findJsonSyntaxError } from "./json-syntax";
import { parsePromptFile, PromptFileParser } from "./prompt-file-parser";
import type { ImportFormat, ParseEvent } from "./types";

const FORMATS: ImportFormat[] = ["jsonl", "json", "csv"];

/** Characters that steer the splitters into their interesting states, mixed with any Unicode. */
const trickyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', ",", "\n", "\r", "\\", "{", "}", "[", "]", ":", " ", "é", "🙂", "\uFEFF", "\uD83D"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 120,
});

function collect(parser: PromptFileParser, chunks: (string | Uint8Array)[]): ParseEvent[] {
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

function chunked<T extends string | Uint8Array>(whole: T, cuts: number[]): T[] {
  const points = [...new Set(cuts.map((cut) => cut % (whole.length + 1)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let start = 0;
  for (const point of [...points, whole.length]) {
    pieces.push(whole.slice(start, point) as T);
    start = point;
  }
  return pieces;
}

/** What every event must look like, whatever the input. */
function expectWellFormed(events: ParseEvent[], format: ImportFormat): void {
  const unit = format === "csv" ? "row" : "line";
  for (const event of events) {
    if (event.kind === "record") {
      expect(event.record.line).toBeGreaterThanOrEqual(1);
      expect(conversationSchema.safeParse(event.record.messages).success).toBe(true);
      expect(event.record.contentHash).toMatch(/^[0-9a-f]{64}$/);
    } else {
      expect(event.error.line).toBeGreaterThanOrEqual(1);
      expect(event.error.message.startsWith(`${unit} ${event.error.line}: `)).toBe(true);
    }
  }
}

const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe("any input", () => {
  it.each(FORMATS)("never crashes the %s parser, and chunking never changes the outcome", (format) => {
    fc.assert(
      fc.property(trickyText, cuts, (text, cutPoints) => {
        const whole = collect(new PromptFileParser(format), [text]);
        expectWellFormed(whole, format);
        expect(collect(new PromptFileParser(format), chunked(text, cutPoints))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it.each(FORMATS)("never crashes the %s parser on arbitrary bytes", (format) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), cuts, (bytes, cutPoints) => {
        const whole = collect(new PromptFileParser(format), [bytes]);
        expectWellFormed(whole, format);
        expect(collect(new PromptFileParser(format), chunked(bytes, cutPoints))).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });
});

/** Records whose keys the normalizer looks at, holding anything at all. */
const messageLike = fc.record(
  {
    role: fc.oneof(fc.constantFrom("system", "user", "assistant", "bot", "constructor"), fc.jsonValue({ maxDepth: 1 })),
    from: fc.constantFrom("human", "gpt", "system", "toString"),
    content: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
    value: fc.string(),
  },
  { requiredKeys: [] },
);
const plausibleMessage = fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: fc.string({ maxLength: 8 }) });
const fieldValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.array(plausibleMessage, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(messageLike, { maxLength: 4 }),
  messageLike,
);
const recordLike = fc.dictionary(
  fc.constantFrom(
    ...["prompt", "messages", "conversations", "instruction", "input", "output", "history", "system", "id"],
    ...["reference", "answer", "ground_truth", "metadata", "responses", "chosen", "rejected", "completion", "__proto__"],
  ),
  fieldValue,
  { maxKeys: 5 },
);

const PROMPT_KEYS = new Set(["prompt", "messages", "conversations", "instruction", "input"]);
/** A valid prompt next to random optional fields, so the success paths are exercised as well. */
const mostlyValid = fc.tuple(turnTextAscii(), recordLike).map(([prompt, extra]) =>
  Object.fromEntries([...Object.entries(extra).filter(([key]) => !PROMPT_KEYS.has(key)), ["prompt", prompt]]),
);

function turnTextAscii() {
  return fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text.trim() !== "");
}

describe("any JSON", () => {
  it("never crashes the JSONL and JSON array parsers, whatever the values", () => {
    let validRecords = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(recordLike, mostlyValid, fc.jsonValue({ maxDepth: 3 })), { maxLength: 5 }), (values) => {
        const jsonl = parsePromptFile(values.map((value) => JSON.stringify(value) ?? "null").join("\n"), "jsonl");
        const json = parsePromptFile(JSON.stringify(values), "json");
        for (const [result, format] of [
          [jsonl, "jsonl"],
          [json, "json"],
        ] as const) {
          expectWellFormed([...result.records.map((record) => ({ kind: "record" as const, record })), ...result.errors.map((error) => ({ kind: "error" as const, error }))], format);
          expect(result.records.length + result.errors.length).toBe(values.length);
        }
        // The array is on one line, so only the line numbers may differ.
        expect(json.records.map(({ line: _line, ...rest }) => rest)).toEqual(jsonl.records.map(({ line: _line, ...rest }) => rest));
        validRecords += jsonl.records.length;
      }),
      { numRuns: 300 },
    );
    // The generator must reach the normalizer's success paths too, not only its rejections.
    expect(validRecords).toBeGreaterThan(10);
  });

  it("finds a syntax error exactly when JSON.parse rejects the text", () => {
    const mutated = fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(), trickyText), { maxLength: 3 })).map(([value, edits]) => {
      let text = JSON.stringify(value);
      for (const [at, remove, insert] of edits) {
        const position = at % (text.length + 1);
        text = text.slice(0, position) + insert.slice(0, 3) + text.slice(position + (remove % 3));
      }
      return text;
    });
    fc.assert(
      fc.property(mutated, (text) => {
        let isValid = true;
        try {
          JSON.parse(text);
        } catch {
          isValid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(isValid);
      }),
      { numRuns: 400 },
    );
  });
});

/** Any Unicode, with the characters that need quoting or escaping drawn often. */
const turnText = fc
  .string({ unit: fc.oneof(fc.constantFrom('"', ",", "\n", "\r", "\\", " ", "🙂", "\uFEFF"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), maxLength: 40 })
  .filter((text) => text.trim() !== "");
/** Well-formed text survives a UTF-8 round trip; lone surrogates would become U+FFFD. */
const wellFormed = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text)) === text;
const conversation: fc.Arbitrary<ChatMessage[]> = fc
  .tuple(
    fc.option(fc.string({ unit: "binary", maxLength: 40 }), { nil: undefined }),
    fc.array(fc.tuple(turnText, turnText), { maxLength: 3 }),
    turnText,
  )
  .map(([system, earlier, last]) => [
    ...(system === undefined ? [] : [{ role: "system" as const, content: system }]),
    ...earlier.flatMap(([question, answer]) => [
      { role: "user" as const, content: question },
      { role: "assistant" as const, content: answer },
    ]),
    { role: "user" as const, content: last },
  ])
  .filter((messages) => messages.every((message) => wellFormed(message.content)));

function csvField(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

describe("valid records round-trip", () => {
  it("through JSONL and a JSON array, read in random byte chunks", () => {
    fc.assert(
      fc.property(fc.array(conversation, { minLength: 1, maxLength: 4 }), cuts, (conversations, cutPoints) => {
        const jsonl = new TextEncoder().encode(conversations.map((messages) => JSON.stringify({ messages })).join("\n"));
        const jsonlEvents = collect(new PromptFileParser("jsonl"), chunked(jsonl, cutPoints));
        expect(jsonlEvents.map((event) => (event.kind === "record" ? event.record.messages : event.error))).toEqual(conversations);
        expect(jsonlEvents.map((event) => event.kind === "record" && event.record.line)).toEqual(conversations.map((_, index) => index + 1));

        const array = new TextEncoder().encode(JSON.stringify(conversations.map((messages) => ({ messages })), null, 1));
        const arrayEvents = collect(new PromptFileParser("json"), chunked(array, cutPoints));
        expect(arrayEvents.map((event) => (event.kind === "record" ? event.record.messages : event.error))).toEqual(conversations);
      }),
      { numRuns: 120 },
    );
  });

  it("through CSV with quoted prompts and system messages", () => {
    const row = fc.tuple(turnText, fc.option(turnText, { nil: undefined })).filter(([prompt, system]) => wellFormed(prompt) && (system === undefined || wellFormed(system)));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), cuts, (rows, cutPoints) => {
        const text = ["system,prompt", ...rows.map(([prompt, system]) => `${system === undefined ? "" : csvField(system)},${csvField(prompt)}`)].join("\r\n");
        const events = collect(new PromptFileParser("csv"), chunked(text, cutPoints));
        const expected = rows.map(([prompt, system]) => [
          ...(system === undefined ? [] : [{ role: "system", content: system }]),
          { role: "user", content: prompt },
        ]);
        expect(events.map((event) => (event.kind === "record" ? event.record.messages : event.error))).toEqual(expected);
        expect(events.map((event) => event.kind === "record" && event.record.line)).toEqual(rows.map((_, index) => index + 2));
      }),
      { numRuns: 120 },
    );
  });
});
