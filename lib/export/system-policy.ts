import type { ChatMessage } from "../conversation";
import type { ExportPrompt } from "./types";

/**
 * What an export writes as the system message of a prompt that has none of its own. A prompt's own
 * system message is always written as stored. Decided once per export (never per row).
 * - "set-default": the prompt set's default system message; rows of a set without one stay without
 *   (the default: what export-formats.md asks for);
 * - "keep": as stored, nothing added (the template's own default then applies at training time);
 * - "text": the given text;
 * - "empty": an explicit empty system message, which suppresses a chat template's default
 *   (Qwen2.5 tests `messages[0].role == 'system'`, not the content).
 */
export const systemPolicyModes = ["set-default", "keep", "text", "empty"] as const;
export type SystemPolicyMode = (typeof systemPolicyModes)[number];
export type SystemPolicy = { mode: SystemPolicyMode; text?: string };

export const defaultSystemPolicy: SystemPolicy = { mode: "set-default" };

/** The system message the policy adds to a prompt that has none, or null when it adds nothing. */
function filler(prompt: ExportPrompt, policy: SystemPolicy): string | null {
  switch (policy.mode) {
    case "keep":
      return null;
    case "set-default":
      return prompt.defaultSystemMessage || null;
    case "text":
      if (!policy.text) throw new RangeError("the system-message policy \"text\" needs a text");
      return policy.text;
    case "empty":
      return "";
  }
}

/**
 * The prompt's conversation as the export writes it: its own system message, or the one the policy
 * fills in. The writers then see a prompt whose `defaultSystemMessage` is null (already applied).
 */
export function applySystemPolicy<P extends ExportPrompt>(prompt: P, policy: SystemPolicy): P {
  const messages: ChatMessage[] = prompt.messages.map(({ role, content }) => ({ role, content }));
  if (messages[0]?.role !== "system") {
    const system = filler(prompt, policy);
    if (system !== null) messages.unshift({ role: "system", content: system });
  }
  return { ...prompt, messages, defaultSystemMessage: null };
}

/** Whether the written prompt carries no system message at all (a chat template's default then applies). */
export function lacksSystemMessage(messages: readonly ChatMessage[]): boolean {
  return messages[0]?.role !== "system";
}

/**
 * What popular chat templates insert when a conversation has no system message (copied from the
 * templates shipped in lib/export/chat-templates/, which name their source). The preview names these
 * when rows lack a system message.
 */
export const templateDefaultSystem = [
  { template: "Qwen2.5 (Qwen/Qwen2.5-*-Instruct)", inserts: "You are Qwen, created by Alibaba Cloud. You are a helpful assistant." },
  {
    template: "Llama 3.1 / 3.2 / 3.3 (meta-llama/Llama-3.x-*-Instruct)",
    inserts: "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n (a system header with dates, even with no system message)",
  },
  { template: "ChatML-style (Qwen2, many community ChatML templates)", inserts: "You are a helpful assistant." },
] as const;
