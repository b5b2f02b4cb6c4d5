import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePromptStream, PromptFileParser } from "./prompt-file-parser";
import { parsePromptFile } from "./testing/english-errors";
import type { ImportFormat, ParseEvent } from "./types";

/** The text formats; Parquet rows arrive decoded (see column-mapping.test.ts and the import service's tests). */
type TextFormat = Exclude<ImportFormat, "parquet">;

const FIXTURES: Record<TextFormat, string> = {
  jsonl: [
    '{"prompt":"Qui es-tu ? 🙂","id":1}',
    "",
    '{"messages":[{"role":"system","content":"你是 Deep Qwen"},{"role":"user","content":"你是谁？"}]}\r',
    '{"conversations":[{"from":"human","value":"née 😀😀"},{"from":"gpt","value":"ok"}]}',
    "{broken",
    '{"instruction":"Übersetze","input":"ça va"}',
  ].join("\n"),
  json: '[\n {"prompt": "Qui es-tu ? 🙂", "id": 1},\n {"prompt": "a ] \\" , [ 你"},\n {"prompt": tru},\n {"prompt": "é"}\n]\n',
  csv: 'prompt,id,note\r\n"Hello, ""🙂"" world\r\nsecond line",1,"ä,ö"\r\nplain 你好,2,\r\n"a"b,3,x\r\n"x",4,"q""""q"\r\n',
};

function eventsOf(parser: PromptFileParser, chunks: (string | Uint8Array)[]): ParseEvent[] {
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

/** Cuts at the given offsets; every cut position is fair game, mid-character included. */
function cut<T extends string | Uint8Array>(whole: T, sizes: number[]): T[] {
  const pieces: T[] = [];
  let start = 0;
  for (const size of sizes) {
    if (start >= whole.length) break;
    pieces.push(whole.slice(start, start + size) as T);
    start += size;
  }
  if (start < whole.length) pieces.push(whole.slice(start) as T);
  return pieces;
}

const FORMATS = Object.keys(FIXTURES) as TextFormat[];

describe.each(FORMATS)("%s read in pieces", (format) => {
  const text = FIXTURES[format];
  const bytes = new TextEncoder().encode(text);
  const whole = eventsOf(new PromptFileParser(format), [text]);

  it("has both records and errors in its fixture", () => {
    expect(whole.some((event) => event.kind === "record")).toBe(true);
    expect(whole.some((event) => event.kind === "error")).toBe(true);
  });

  it("gives the same events fed one UTF-16 unit at a time (surrogate pairs split)", () => {
    expect(eventsOf(new PromptFileParser(format), [...text.split("")])).toEqual(whole);
  });

  it("gives the same events fed one byte at a time (UTF-8 sequences split)", () => {
    const pieces = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(eventsOf(new PromptFileParser(format), pieces)).toEqual(whole);
  });

  it("gives the same events for any chunk sizes, as text or as bytes", () => {
    const sizes = fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 80 });
    fc.assert(
      fc.property(sizes, fc.boolean(), (chunkSizes, asBytes) => {
        const chunks = asBytes ? cut(bytes, chunkSizes) : cut(text, chunkSizes);
        expect(eventsOf(new PromptFileParser(format), chunks)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it("yields records as soon as they are complete, before end()", () => {
    const parser = new PromptFileParser(format);
    const early = parser.push(text);
    expect(early.filter((event) => event.kind === "record").length).toBeGreaterThan(0);
  });
});

describe("byte input", () => {
  it("drops a UTF-8 byte-order mark", () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode("prompt\nHi\n"));
    expect(parsePromptFile(bytes, "csv").records).toHaveLength(1);
  });

  it("reports a file that is not UTF-8 once and stops", () => {
    const latin1 = Uint8Array.from([...'{"prompt":"ok"}\n{"prompt":"caf'].map((char) => char.charCodeAt(0)).concat([0xe9, 0x22, 0x7d, 0x0a]));
    const { records, errors } = parsePromptFile(latin1, "jsonl");
    expect(records).toHaveLength(1);
    expect(errors).toEqual([{ line: 2, message: "line 2: the file is not valid UTF-8 text; the rest was not read (save it as UTF-8 and import it again)" }]);
  });

  it("reports a file that ends in the middle of a character", () => {
    const bytes = new TextEncoder().encode('{"prompt":"🙂"}\n{"prompt":"x"}\n🙂').slice(0, -1);
    const { records, errors } = parsePromptFile(bytes, "jsonl");
    expect(records).toHaveLength(2);
    expect(errors.map((error) => error.line)).toEqual([3]);
  });
});

describe("parsePromptStream", () => {
  it("reads an async iterable of chunks", async () => {
    async function* chunks() {
      yield new TextEncoder().encode('{"prompt":"a"}\n{"pro');
      yield new TextEncoder().encode('mpt":"b"}\n');
    }
    const events: ParseEvent[] = [];
    for await (const event of parsePromptStream(chunks(), "jsonl")) events.push(event);
    expect(events.map((event) => (event.kind === "record" ? event.record.messages[0]?.content : event.error.message))).toEqual(["a", "b"]);
  });

  it("reads a plain iterable of strings", async () => {
    const events: ParseEvent[] = [];
    for await (const event of parsePromptStream(["prompt\n", "x\n"], "csv")) events.push(event);
    expect(events).toHaveLength(1);
  });
});
