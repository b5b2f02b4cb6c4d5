import type { ChatMessage } from "../conversation";
import { reasonMessage } from "../schemas/field-message";
import { isPlainObject } from "../import/normalize-record";

// OpenAI Batch files, as the OpenAI Batch API and vLLM's `run_batch` (vllm/entrypoints/openai/run_batch.py:
// BatchRequestInput, BatchRequestOutput, BatchResponseData) read and write them.
//
// Request line:  {"custom_id", "method": "POST", "url": "/v1/chat/completions", "body": {model, messages, ...sampling}}
// Result line:   {"id", "custom_id", "response": {"status_code", "request_id", "body": <chat completion> | null}, "error"}
//   OpenAI: a failed request has `response: null` and `error: {code, message}`;
//   vLLM: `response: {status_code: 400, request_id, body: null}` and `error` a string or an ErrorResponse.

export const BATCH_URL = "/v1/chat/completions";

/**
 * custom_id = `<tag>-<prompt id, 32 hex>-<sample index>`: at most 50 characters (some Batch services cap it at
 * 64), unique within a file, and enough to map a result back: the tag names the request file Arbiter
 * stored (set, model, sampling parameters), the rest the prompt and the sample.
 */
const CUSTOM_ID = /^([0-9a-f]{12})-([0-9a-f]{32})-(\d{1,6})$/;

export type CustomIdParts = { tag: string; promptId: string; sampleIndex: number };

export function formatCustomId({ tag, promptId, sampleIndex }: CustomIdParts): string {
  return `${tag}-${promptId.replace(/-/g, "").toLowerCase()}-${sampleIndex}`;
}

export function parseCustomId(customId: string): CustomIdParts | null {
  const match = CUSTOM_ID.exec(customId);
  if (!match) return null;
  const hex = match[2]!;
  const promptId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { tag: match[1]!, promptId, sampleIndex: Number(match[3]) };
}

/** Sampling parameters a request file carries (the generation run's names, sent as the API spells them). */
export type BatchSampling = { temperature?: number; top_p?: number; max_tokens?: number; seed?: number; stop?: string[] };

/** One request line (without its newline). Each sample gets its own seed (seed + sample index), as the worker does. */
export function batchRequestLine({ customId, model, messages, sampling, sampleIndex }: { customId: string; model: string; messages: ChatMessage[]; sampling: BatchSampling; sampleIndex: number }): string {
  const { seed, stop, ...numbers } = sampling;
  const body = {
    model,
    messages,
    ...numbers,
    ...(stop?.length ? { stop } : {}),
    ...(seed !== undefined ? { seed: seed + sampleIndex } : {}),
  };
  return JSON.stringify({ custom_id: customId, method: "POST", url: BATCH_URL, body });
}

/** A result line read: a completion to store, a request the server failed, or a line that is not a result of ours. */
export type BatchResultLine =
  | {
      kind: "completion";
      line: number;
      customId: string;
      ids: CustomIdParts;
      content: string;
      model: string;
      finishReason: string | null;
      promptTokens: number | null;
      completionTokens: number | null;
      responseId: string | null;
    }
  | { kind: "failed"; line: number; customId: string; ids: CustomIdParts; message: string }
  | { kind: "invalid"; line: number; customId?: string; message: string };

/** Reads one parsed result line (`fields` is the line's JSON object). */
export function readBatchResultLine(fields: Record<string, unknown>, line: number): BatchResultLine {
  const customId = fields.custom_id;
  if (typeof customId !== "string" || customId === "") return { kind: "invalid", line, message: reasonMessage("batchLine.noCustomId") };
  const ids = parseCustomId(customId);
  if (!ids) return { kind: "invalid", line, customId, message: reasonMessage("batchLine.foreignCustomId", { customId: customId.slice(0, 80) }) };
  const response = fields.response;
  const status = isPlainObject(response) && typeof response.status_code === "number" ? response.status_code : null;
  const body = isPlainObject(response) ? response.body : undefined;
  if ((fields.error !== null && fields.error !== undefined) || status === null || status !== 200 || !isPlainObject(body)) {
    const why = describeBatchError(fields.error) ?? (status !== null && status !== 200 ? `status ${status}` : "no response body");
    return { kind: "failed", line, customId, ids, message: reasonMessage("batchLine.requestFailed", { why }) };
  }
  const choices = Array.isArray(body.choices) ? body.choices : [];
  const first: unknown = choices[0];
  const message = isPlainObject(first) ? first.message : undefined;
  const content = isPlainObject(message) ? message.content : undefined;
  if (typeof content !== "string") return { kind: "invalid", line, customId, message: reasonMessage("batchLine.noContent") };
  if (typeof body.model !== "string" || body.model === "") return { kind: "invalid", line, customId, message: reasonMessage("batchLine.noModel") };
  const usage = isPlainObject(body.usage) ? body.usage : {};
  const count = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 2_147_483_647 ? value : null);
  return {
    kind: "completion",
    line,
    customId,
    ids,
    content,
    model: body.model,
    finishReason: isPlainObject(first) && typeof first.finish_reason === "string" ? first.finish_reason : null,
    promptTokens: count(usage.prompt_tokens),
    completionTokens: count(usage.completion_tokens),
    responseId: typeof body.id === "string" ? body.id : null,
  };
}

function describeBatchError(error: unknown): string | undefined {
  if (error === null || error === undefined) return undefined;
  if (typeof error === "string") return error.slice(0, 300);
  if (isPlainObject(error)) {
    // OpenAI: {code, message}; vLLM's ErrorResponse: {error: {message, type, code}} (older: {message, type, code}).
    const inner = isPlainObject(error.error) ? error.error : error;
    const message = typeof inner.message === "string" ? inner.message : JSON.stringify(inner).slice(0, 300);
    const code = typeof inner.code === "string" || typeof inner.code === "number" ? ` (${inner.code})` : "";
    return `${message.slice(0, 300)}${code}`;
  }
  return String(error).slice(0, 300);
}

/** The download's file name: `batch-<set name as a slug>-<tag>.jsonl`. */
export function batchFileName(setName: string, tag: string): string {
  const slug = setName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "prompts";
  return `batch-${slug}-${tag}.jsonl`;
}
