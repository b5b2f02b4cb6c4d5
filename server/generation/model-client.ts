import "server-only";
import type { ChatMessage } from "@/lib/conversation";
import { isRetryableStatus, parseRetryAfter } from "@/lib/generation/retry";
import { outboundRequest, OutboundRefusedError, type OutboundInit, type OutboundResponse } from "./outbound-fetch";

// Plain fetch against an OpenAI-compatible server, one attempt per call: the worker owns the one retry
// loop (with backoff in the database, so that it survives restarts). Errors are classified here and
// never include the API key or the request headers.

export type ModelTarget = { baseUrl: string; apiKey: string | null; timeoutMs: number };

export type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
};

export type Completion = {
  content: string;
  /** The model name as the server reported it. */
  model: string;
  finishReason: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number;
};

export class ModelCallError extends Error {
  constructor(
    message: string,
    readonly isRetryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "ModelCallError";
  }
}

function headers(target: ModelTarget): Record<string, string> {
  return { "content-type": "application/json", accept: "application/json", ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}) };
}

/** The server's own words from an error body ({ error: { message } } or text), shortened; never our request. */
async function serverMessage(response: OutboundResponse): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === "string" ? body.error : (body.error?.message ?? body.message);
    if (typeof message === "string" && message.trim()) return message.trim().slice(0, 500);
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 500) || response.statusText || "no details";
}

async function send(
  target: ModelTarget,
  path: string,
  init: Omit<OutboundInit, "headers" | "signal">,
  abandon?: AbortSignal,
): Promise<{ response: OutboundResponse; bodyText: string; latencyMs: number }> {
  const started = performance.now();
  // One controller, a timer and a listener per request: AbortSignal.timeout + AbortSignal.any cost
  // more per call (transferable signals) than the request itself at a worker's rate.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(Object.assign(new Error(`timeout after ${target.timeoutMs} ms`), { name: "TimeoutError" })), target.timeoutMs);
  const onAbandon = () => controller.abort(abandon?.reason);
  if (abandon?.aborted) onAbandon();
  else abandon?.addEventListener("abort", onAbandon, { once: true });
  const done = () => {
    clearTimeout(timer);
    abandon?.removeEventListener("abort", onAbandon);
  };
  let response: OutboundResponse;
  try {
    response = await outboundRequest(`${target.baseUrl}${path}`, { ...init, headers: headers(target), signal: controller.signal });
  } catch (error) {
    done();
    if (error instanceof OutboundRefusedError) throw new ModelCallError(error.message, false);
    throw abandon?.aborted ? abandoned(abandon) : networkError(controller.signal.aborted ? controller.signal.reason : error, target);
  }
  try {
    if (response.status >= 300 && response.status < 400) {
      // Not followed: the target of a redirect would escape the address check (and may not deserve the key).
      await response.discard().catch(() => undefined);
      const location = (response.header("location") ?? "").slice(0, 300);
      throw new ModelCallError(`HTTP ${response.status} from the server: a redirect${location ? ` to ${location}` : ""}, which is not followed; use the final address as the base URL`, false, response.status);
    }
    if (response.status < 200 || response.status >= 300) {
      // Some servers quote the key they refused; it must not reach our logs or the UI.
      const message = scrub(await serverMessage(response), target.apiKey);
      const retryAfterMs = parseRetryAfter(response.header("retry-after"));
      throw new ModelCallError(`HTTP ${response.status} from the server: ${message}`, isRetryableStatus(response.status), response.status, retryAfterMs);
    }
    let bodyText: string;
    try {
      bodyText = await response.text();
    } catch (error) {
      if (abandon?.aborted) throw abandoned(abandon);
      // The connection dropped mid-body (or the timeout cut it): a truncated response.
      const cause = networkError(controller.signal.aborted ? controller.signal.reason : error, target);
      throw new ModelCallError(`Truncated response: ${cause.message}`, true, response.status);
    }
    return { response, bodyText, latencyMs: Math.round(performance.now() - started) };
  } finally {
    done();
  }
}

/** The caller gave the request up (the worker lost its lease on the task): retryable, by whoever holds the task next. */
function abandoned(signal: AbortSignal): ModelCallError {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? "aborted");
  return new ModelCallError(`Request abandoned: ${reason}`, true);
}

function scrub(text: string, apiKey: string | null): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join("[API key]") : text;
}

function networkError(error: unknown, target: ModelTarget): ModelCallError {
  const name = (error as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") return new ModelCallError(`No response within ${target.timeoutMs} ms (timeout)`, true);
  // fetch() wraps the socket error in `cause`; undici's request() throws it with its own `code`.
  const { cause, code } = error as { cause?: { code?: string; message?: string }; code?: string };
  const detail = cause?.code ?? code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new ModelCallError(`Could not reach ${new URL(target.baseUrl).host}: ${detail}`, true);
}

function parseJson(bodyText: string): unknown {
  try {
    return JSON.parse(bodyText) as unknown;
  } catch {
    // Cut-off or garbled bodies are transient more often than not (a proxy, a restarting server).
    throw new ModelCallError(`Truncated or malformed JSON in the response (${bodyText.length} bytes)`, true);
  }
}

/** One chat completion. A response without a complete text choice is an error, never a candidate. */
export async function createChatCompletion(target: ModelTarget, request: ChatRequest, abandon?: AbortSignal): Promise<Completion> {
  const { bodyText, latencyMs } = await send(target, "/chat/completions", { method: "POST", body: JSON.stringify({ ...request, n: 1, stream: false }) }, abandon);
  const body = parseJson(bodyText) as {
    model?: unknown;
    choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  const content = choice?.message?.content;
  if (typeof content !== "string") throw new ModelCallError("The response has no text in choices[0].message.content", false);
  if (content.trim() === "") throw new ModelCallError("The model returned an empty answer", true);
  const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? Math.round(value) : null);
  return {
    content,
    model: typeof body.model === "string" && body.model ? body.model : request.model,
    finishReason: typeof choice?.finish_reason === "string" ? choice.finish_reason : null,
    promptTokens: number(body.usage?.prompt_tokens),
    completionTokens: number(body.usage?.completion_tokens),
    latencyMs,
  };
}

/** The server's model ids (GET /models), for "Test connection". */
export async function listModels(target: ModelTarget): Promise<string[]> {
  const { bodyText } = await send(target, "/models", { method: "GET" });
  const body = parseJson(bodyText) as { data?: { id?: unknown }[] };
  if (!Array.isArray(body.data)) throw new ModelCallError("The server answered, but not with a model list (expected { data: [{ id }] })", false);
  return body.data.map((model) => model.id).filter((id): id is string => typeof id === "string");
}

/**
 * "Test connection": a one-token chat completion with the endpoint's own model and key, so that a
 * refused key or a model name the server does not serve shows at once. Any well-formed completion
 * counts, even an empty text (one token of a reasoning model may be all hidden thinking).
 */
export async function pingChatCompletion(target: ModelTarget, model: string): Promise<{ model: string; latencyMs: number }> {
  const request = { model, messages: [{ role: "user", content: "Hi" }], max_tokens: 1, n: 1, stream: false };
  const { bodyText, latencyMs } = await send(target, "/chat/completions", { method: "POST", body: JSON.stringify(request) });
  const body = parseJson(bodyText) as { model?: unknown; choices?: unknown };
  if (!Array.isArray(body.choices)) throw new ModelCallError("The server answered, but not with a chat completion (expected { choices: [...] })", false);
  return { model: typeof body.model === "string" && body.model ? body.model : model, latencyMs };
}
