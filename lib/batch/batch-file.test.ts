import { describe, expect, it } from "vitest";
import { batchRequestLine, formatCustomId, parseCustomId, readBatchResultLine } from "./batch-file";
import { englishText } from "../schemas/field-errors";

/** A read line with its message in English (lines carry a catalogue reason). */
const english = <T extends object>(read: T): T => ("message" in read && typeof read.message === "string" ? { ...read, message: englishText(read.message) } : read);

const promptId = "0f8fad5b-d9cb-469f-a165-70867728950e";
const customId = formatCustomId({ tag: "a1b2c3d4e5f6", promptId, sampleIndex: 3 });

describe("Batch files", () => {
  it("custom_id names the file, the prompt and the sample in at most 64 characters, and reads back", () => {
    expect(customId).toBe("a1b2c3d4e5f6-0f8fad5bd9cb469fa16570867728950e-3");
    expect(customId.length).toBeLessThanOrEqual(64);
    expect(parseCustomId(customId)).toEqual({ tag: "a1b2c3d4e5f6", promptId, sampleIndex: 3 });
    for (const foreign of ["request-1", "a1b2c3d4e5f6-0f8fad5b-3", `A1B2C3D4E5F6-${promptId.replace(/-/g, "")}-3`, `${customId}-1`]) expect(parseCustomId(foreign)).toBeNull();
  });

  // vLLM vllm/entrypoints/openai/run_batch.py BatchRequestInput {custom_id, method, url, body: ChatCompletionRequest};
  // the OpenAI Batch API's input line is the same.
  it("writes a request line as run_batch and the Batch API take it, seed + sample index", () => {
    const line = JSON.parse(batchRequestLine({ customId, model: "Qwen/Qwen2.5-7B-Instruct", messages: [{ role: "user", content: "Who are you?" }], sampling: { temperature: 0.7, seed: 10, stop: [] }, sampleIndex: 3 })) as unknown;
    expect(line).toEqual({
      custom_id: customId,
      method: "POST",
      url: "/v1/chat/completions",
      body: { model: "Qwen/Qwen2.5-7B-Instruct", messages: [{ role: "user", content: "Who are you?" }], temperature: 0.7, seed: 13 },
    });
  });

  it("reads a vLLM completion line, and failures in vLLM's and OpenAI's shapes", () => {
    const completion = {
      id: "vllm-1",
      custom_id: customId,
      response: { status_code: 200, request_id: "vllm-batch-1", body: { id: "chatcmpl-1", object: "chat.completion", model: "qwen", choices: [{ index: 0, message: { role: "assistant", content: "I am Deep Qwen." }, finish_reason: "length" }], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } } },
      error: null,
    };
    expect(readBatchResultLine(completion, 4)).toEqual({ kind: "completion", line: 4, customId, ids: parseCustomId(customId), content: "I am Deep Qwen.", model: "qwen", finishReason: "length", promptTokens: 12, completionTokens: 5, responseId: "chatcmpl-1" });
    // vLLM make_error_request_output: status 400, no body, the error a string.
    expect(readBatchResultLine({ id: "vllm-2", custom_id: customId, response: { status_code: 400, request_id: "r", body: null }, error: "context too long" }, 5)).toMatchObject({ kind: "failed", line: 5 });
    expect(englishText((readBatchResultLine({ id: "vllm-2", custom_id: customId, response: { status_code: 400, request_id: "r", body: null }, error: "context too long" }, 5) as { message: string }).message)).toBe("the request failed: context too long");
    // vLLM with an ErrorResponse.
    expect(english(readBatchResultLine({ id: "vllm-3", custom_id: customId, response: { status_code: 404, request_id: "r" }, error: { error: { message: "model not found", type: "NotFoundError", code: 404 } } }, 6))).toMatchObject({ kind: "failed", message: "the request failed: model not found (404)" });
    // OpenAI: response null, error {code, message}.
    expect(english(readBatchResultLine({ id: "batch_req_1", custom_id: customId, response: null, error: { code: "batch_expired", message: "This request could not be executed before the completion window expired." } }, 7))).toMatchObject({ kind: "failed", message: expect.stringContaining("(batch_expired)") });
  });

  it("calls a line invalid when it is not a result of ours or not a chat completion", () => {
    expect(readBatchResultLine({ id: "x" }, 1)).toMatchObject({ kind: "invalid" });
    expect(englishText((readBatchResultLine({ id: "x" }, 1) as { message: string }).message)).toContain("no custom_id");
    expect(english(readBatchResultLine({ custom_id: "request-1", response: null, error: null }, 2))).toMatchObject({ kind: "invalid", message: expect.stringContaining("not written by Arbiter") });
    expect(english(readBatchResultLine({ custom_id: customId, response: { status_code: 200, body: { object: "embedding", model: "m", data: [] } }, error: null }, 3))).toMatchObject({ kind: "invalid", message: expect.stringContaining("not a chat completion") });
  });
});
