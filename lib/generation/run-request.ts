import { withSystemMessage, type ChatMessage } from "../conversation";
import type { RunParams } from "./schemas";

/**
 * What a generation run sends for one task, as the worker (server/generation/worker.ts) and a run's
 * Batch request file (server/services/batch/create-run-batch-file.ts) both build it, so that a task
 * answered through a Batch service got the same request the worker would have sent.
 */

export type EndpointSampling = { temperature?: number; top_p?: number; max_tokens?: number };

/** The sampling values that are set (the run's, else the endpoint's defaults) and the run's stop sequences. */
export function runSampling(run: Pick<RunParams, "temperature" | "top_p" | "max_tokens" | "stop">, defaults: EndpointSampling): EndpointSampling & { stop?: string[] } {
  const sampling: EndpointSampling = {};
  const temperature = run.temperature ?? defaults.temperature;
  const topP = run.top_p ?? defaults.top_p;
  const maxTokens = run.max_tokens ?? defaults.max_tokens;
  if (temperature !== undefined) sampling.temperature = temperature;
  if (topP !== undefined) sampling.top_p = topP;
  if (maxTokens !== undefined) sampling.max_tokens = maxTokens;
  return { ...sampling, ...(run.stop?.length ? { stop: run.stop } : {}) };
}

/** The conversation sent: an override replaces the prompt's system message; otherwise the set's default fills a missing one. */
export function requestConversation(messages: readonly ChatMessage[], defaultSystem: string | null | undefined, systemOverride: string | undefined): ChatMessage[] {
  return systemOverride !== undefined ? [{ role: "system", content: systemOverride }, ...messages.filter((m) => m.role !== "system")] : withSystemMessage(messages, defaultSystem);
}
