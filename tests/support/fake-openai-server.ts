import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

// A small OpenAI-compatible server for tests and benchmarks: POST /v1/chat/completions and
// GET /v1/models, with a configurable latency and failures chosen per request, counting the requests
// in flight (to check concurrency limits) and every request it saw.

export type FakeReply =
  | { kind: "ok"; content?: string; finishReason?: string; /** Extra wait before this reply (a slow judge). */ delayMs?: number }
  | { kind: "status"; status: number; retryAfter?: string; message?: string }
  /** Never answers; the client's timeout must fire. */
  | { kind: "hang" }
  /** Headers promise more than is sent, then the connection is cut. */
  | { kind: "truncated" }
  | { kind: "malformed" };

export type FakeRequest = { model: string; messages: { role: string; content: string }[]; authorization: string | null; body: Record<string, unknown> };

export type FakeServerOptions = {
  latencyMs?: number;
  /** Decides each chat request's fate; `index` counts chat requests from 0. Default: ok. */
  reply?: (request: FakeRequest, index: number) => FakeReply;
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
};

export type FakeOpenAiServer = {
  /** Base URL as users enter it, ending in /v1. */
  baseUrl: string;
  requests: FakeRequest[];
  inFlight: number;
  maxInFlight: number;
  /** Per model: the most requests in flight at once. */
  maxInFlightByModel: Map<string, number>;
  options: FakeServerOptions;
  close(): Promise<void>;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeOpenAiServer(options: FakeServerOptions = {}): Promise<FakeOpenAiServer> {
  const inFlightByModel = new Map<string, number>();
  const sockets = new Set<Socket>();
  let chatIndex = 0;

  const state: FakeOpenAiServer = {
    baseUrl: "",
    requests: [],
    inFlight: 0,
    maxInFlight: 0,
    maxInFlightByModel: new Map(),
    options,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const json = (response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...extra });
    response.end(JSON.stringify(body));
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const authorization = request.headers.authorization ?? null;
      const url = new URL(request.url ?? "/", "http://x");
      if (state.options.apiKey && authorization !== `Bearer ${state.options.apiKey}`) {
        json(response, 401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error" } });
        return;
      }
      if (request.method === "GET" && url.pathname === "/v1/models") {
        json(response, 200, { object: "list", data: (state.options.models ?? ["fake-model"]).map((id) => ({ id, object: "model", owned_by: "test" })) });
        return;
      }
      if (request.method !== "POST" || url.pathname !== "/v1/chat/completions") {
        json(response, 404, { error: { message: `Unknown route ${request.method} ${url.pathname}` } });
        return;
      }
      const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      const fake: FakeRequest = { model: String(body.model), messages: body.messages as FakeRequest["messages"], authorization, body };
      state.requests.push(fake);
      const index = chatIndex++;
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const modelCount = (inFlightByModel.get(fake.model) ?? 0) + 1;
      inFlightByModel.set(fake.model, modelCount);
      state.maxInFlightByModel.set(fake.model, Math.max(state.maxInFlightByModel.get(fake.model) ?? 0, modelCount));
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        state.inFlight -= 1;
        inFlightByModel.set(fake.model, (inFlightByModel.get(fake.model) ?? 1) - 1);
      };
      response.on("close", release);
      try {
        const reply = state.options.reply?.(fake, index) ?? { kind: "ok" };
        if (state.options.latencyMs) await delay(state.options.latencyMs);
        switch (reply.kind) {
          case "hang":
            return; // released when the client gives up and the socket closes
          case "status":
            json(response, reply.status, { error: { message: reply.message ?? `fake failure ${reply.status}` } }, reply.retryAfter !== undefined ? { "retry-after": reply.retryAfter } : {});
            return;
          case "truncated": {
            const text = JSON.stringify({ choices: [{ message: { role: "assistant", content: "cut off" } }] });
            response.writeHead(200, { "content-type": "application/json", "content-length": String(text.length + 100) });
            response.write(text.slice(0, 20));
            setTimeout(() => response.destroy(), 5);
            return;
          }
          case "malformed":
            response.writeHead(200, { "content-type": "application/json" });
            response.end('{"choices": [{"message": {"content": "unterminated');
            return;
          case "ok": {
            if (reply.delayMs) await delay(reply.delayMs);
            const lastUser = [...fake.messages].reverse().find((m) => m.role === "user")?.content ?? "";
            const content = reply.content ?? `Answer ${index} to: ${lastUser}`;
            json(response, 200, {
              id: `chatcmpl-${index}`,
              object: "chat.completion",
              model: fake.model,
              choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: reply.finishReason ?? "stop" }],
              usage: { prompt_tokens: lastUser.length, completion_tokens: content.length, total_tokens: lastUser.length + content.length },
            });
            return;
          }
        }
      } finally {
        if (response.writableEnded) release();
      }
    })().catch((error: unknown) => {
      if (!response.headersSent) json(response, 500, { error: { message: String(error) } });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}

/** How the fake batch runner answers one request line: a completion, or a failure in OpenAI's or vLLM's shape. */
export type FakeBatchReply = { kind: "ok"; content?: string; finishReason?: string } | { kind: "openai-error"; code?: string; message?: string } | { kind: "vllm-error"; message?: string };

/**
 * Batch mode: reads a Batch request file (JSONL of {custom_id, method, url, body}) and returns the results
 * file a Batch service writes, one line per request in order, in the shapes of vLLM's run_batch
 * (BatchRequestOutput: {id, custom_id, response: {status_code, request_id, body}, error}) and of the
 * OpenAI Batch API for failures (response null, error {code, message}). Request lines are validated as
 * run_batch does (method POST, url /v1/chat/completions, body with model and messages).
 */
export function runFakeBatch(requestFile: string, reply: (line: { custom_id: string; body: Record<string, unknown> }, index: number) => FakeBatchReply = () => ({ kind: "ok" })): string {
  const out: string[] = [];
  let index = 0;
  for (const text of requestFile.split("\n")) {
    if (text.trim() === "") continue;
    const request = JSON.parse(text) as { custom_id?: unknown; method?: unknown; url?: unknown; body?: Record<string, unknown> };
    if (typeof request.custom_id !== "string" || request.method !== "POST" || request.url !== "/v1/chat/completions" || typeof request.body?.model !== "string" || !Array.isArray(request.body.messages)) {
      throw new Error(`fake batch: line ${index + 1} is not a chat completions Batch request: ${text.slice(0, 200)}`);
    }
    const body = request.body;
    const messages = body.messages as { role: string; content: string }[];
    const decided = reply({ custom_id: request.custom_id, body }, index);
    const id = `batch_req_${index}`;
    if (decided.kind === "openai-error") {
      out.push(JSON.stringify({ id, custom_id: request.custom_id, response: null, error: { code: decided.code ?? "server_error", message: decided.message ?? "fake batch failure" } }));
    } else if (decided.kind === "vllm-error") {
      out.push(JSON.stringify({ id: `vllm-${index}`, custom_id: request.custom_id, response: { status_code: 400, request_id: `vllm-batch-${index}`, body: null }, error: decided.message ?? "fake vLLM failure" }));
    } else {
      const lastUser = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
      const content = decided.content ?? `Batch answer ${index} to: ${lastUser}`;
      const completion = {
        id: `chatcmpl-batch-${index}`,
        object: "chat.completion",
        created: 1_764_460_800,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: decided.finishReason ?? "stop" }],
        usage: { prompt_tokens: lastUser.length, completion_tokens: content.length, total_tokens: lastUser.length + content.length },
      };
      out.push(JSON.stringify({ id: `vllm-${index}`, custom_id: request.custom_id, response: { status_code: 200, request_id: `vllm-batch-${index}`, body: completion }, error: null }));
    }
    index += 1;
  }
  return out.map((line) => `${line}\n`).join("");
}

// ---------- Judge mode ----------
// Replies of a model acting as judge, for `reply`. They read the answers out of a request rendered from
// our default templates (lib/judges/default-templates.ts): "[Answer of assistant A]" ... "[End of answer A]".

export type JudgeAnswers = { a: string; b: string } | { answer: string };

export function judgeAnswers(request: FakeRequest): JudgeAnswers {
  const text = request.messages.map((m) => m.content).join("\n");
  const pick = (start: string, end: string) => {
    const from = text.indexOf(start);
    const to = text.indexOf(end, from);
    return from < 0 || to < 0 ? null : text.slice(from + start.length, to).trim();
  };
  const a = pick("[Answer of assistant A]", "[End of answer A]") ?? pick("[助手 A 的回答]", "[回答 A 结束]");
  const b = pick("[Answer of assistant B]", "[End of answer B]") ?? pick("[助手 B 的回答]", "[回答 B 结束]");
  if (a !== null && b !== null) return { a, b };
  return { answer: pick("[Answer of the assistant]", "[End of answer]") ?? pick("[助手的回答]", "[回答结束]") ?? "" };
}

export const judgeMode = {
  /** A consistent judge: `decide` sees the two answers' text and names the better one (or "tie"), whatever the order. */
  fixed:
    (decide: (a: string, b: string) => "a" | "b" | "tie"): NonNullable<FakeServerOptions["reply"]> =>
    (request) => {
      const answers = judgeAnswers(request);
      if (!("a" in answers)) return { kind: "ok", content: "Not a pairwise request." };
      const choice = decide(answers.a, answers.b);
      return { kind: "ok", content: `Having compared both answers, my verdict is:\n\n${choice === "a" ? "[[A]]" : choice === "b" ? "[[B]]" : "[[C]]"}` };
    },
  /** A position-biased judge: always prefers the first answer shown. */
  positionBiased: (): NonNullable<FakeServerOptions["reply"]> => () => ({ kind: "ok", content: "Assistant A is clearly better.\n\n[[A]]" }),
  /** A grader: `rate` sees the answer and gives a rating. */
  grading:
    (rate: (answer: string) => number): NonNullable<FakeServerOptions["reply"]> =>
    (request) => {
      const answers = judgeAnswers(request);
      return { kind: "ok", content: `The answer is assessed.\nRating: [[${rate("answer" in answers ? answers.answer : answers.a)}]]` };
    },
  /** Replies with no verdict token at all. */
  malformed: (): NonNullable<FakeServerOptions["reply"]> => () => ({ kind: "ok", content: "Both answers have merits; I would rather not choose." }),
  /** A slow judge (each reply waits `ms`), deciding like `inner`. */
  slow:
    (ms: number, inner: NonNullable<FakeServerOptions["reply"]>): NonNullable<FakeServerOptions["reply"]> =>
    (request, index) => {
      const reply = inner(request, index);
      return reply.kind === "ok" ? { ...reply, delayMs: ms } : reply;
    },
};
