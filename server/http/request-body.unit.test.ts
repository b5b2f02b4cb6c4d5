import { describe, expect, it } from "vitest";
import { bodyChunks, withDetectedFormat } from "./request-body";

const streamOf = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });

async function text(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += new TextDecoder().decode(chunk);
  return out;
}

describe("request body", () => {
  it("detects the format from the first chunk and hands on every byte, the first chunk included", async () => {
    const { format, body } = await withDetectedFormat("auto", "data.json", bodyChunks(streamOf('{"prompt":"a"}\n', '{"prompt":"b"}\n')));
    expect(format).toBe("jsonl");
    expect(await text(body)).toBe('{"prompt":"a"}\n{"prompt":"b"}\n');
  });

  it("passes a chosen format through untouched, and refuses what it cannot tell with a way out", async () => {
    expect((await withDetectedFormat("csv", "", bodyChunks(streamOf("x")))).format).toBe("csv");
    await expect(withDetectedFormat("auto", "notes.txt", bodyChunks(streamOf("hello")))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/choose JSONL, JSON, CSV or Parquet/) as unknown });
  });
});
