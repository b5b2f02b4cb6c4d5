import { Template } from "@huggingface/jinja";
import type { ChatMessage } from "../conversation";
import chatmlTemplate from "./chat-templates/chatml.json" with { type: "json" };
import llama31Template from "./chat-templates/llama3.1.json" with { type: "json" };
import qwen25Template from "./chat-templates/qwen2.5.json" with { type: "json" };
import type { ExportFormatName } from "./types";

/**
 * "What the trainer sees": a written record rendered through a model's chat template, split into the
 * context (prompt tokens: no loss) and the target (the judged response: where the loss applies), the
 * way TRL's prompt-completion and preference trainers split it: render the prompt with the generation
 * prompt, render the whole conversation, and the target is what the second adds to the first.
 */

export type ChatTemplateData = {
  id: string;
  label: string;
  source: { repository: string; path: string; commit: string; note: string };
  bosToken: string;
  eosToken: string;
  template: string;
};

export const chatTemplates: readonly ChatTemplateData[] = [qwen25Template, llama31Template, chatmlTemplate];
export type ChatTemplateId = "qwen2.5" | "llama3.1" | "chatml";

export type TrainerViewSegment = { text: string; loss: boolean };
/** One rendering: for preference records, one for the chosen side and one for the rejected side. */
export type TrainerView = { label: string; segments: TrainerViewSegment[]; note?: string };

type Conversation = { prompt: ChatMessage[]; targets: { label: string; content: string }[] };

const sharegptRole = { system: "system", human: "user", gpt: "assistant" } as const;
type Msg = { role: string; content: string };
type LooseRecord = {
  messages: Msg[];
  prompt: Msg[];
  completion: Msg[];
  label: boolean;
  chosen: Msg[];
  rejected: Msg[];
  input: { messages: Msg[] };
  preferred_output: Msg[];
  non_preferred_output: Msg[];
  conversations: { from: "system" | "human" | "gpt"; value: string }[];
  system: string;
};
type SharegptTurn = { value: string };
const plain = (messages: Msg[]): ChatMessage[] => messages.map(({ role, content }) => ({ role: role as ChatMessage["role"], content }));

/** The prompt and the judged response(s) of a record in any JSONL format. */
export function conversationOf(format: ExportFormatName, record: Record<string, unknown>): Conversation {
  // The record was written by this project's writers: its shape is known from the format.
  const r = record as unknown as LooseRecord;
  switch (format) {
    case "trl-messages":
    case "openai-chat":
    case "llamafactory-sharegpt-sft": {
      const messages = plain(r.messages);
      return { prompt: messages.slice(0, -1), targets: [{ label: "target", content: messages.at(-1)!.content }] };
    }
    case "trl-prompt-completion":
    case "kto": {
      const label = format === "kto" ? (r.label ? "desirable (label true)" : "undesirable (label false)") : "completion";
      return { prompt: plain(r.prompt), targets: [{ label, content: r.completion[0]!.content }] };
    }
    case "trl-preference":
      return { prompt: plain(r.prompt), targets: [{ label: "chosen", content: r.chosen[0]!.content }, { label: "rejected", content: r.rejected[0]!.content }] };
    case "trl-preference-implicit": {
      const chosen = plain(r.chosen);
      return { prompt: chosen.slice(0, -1), targets: [{ label: "chosen", content: chosen.at(-1)!.content }, { label: "rejected", content: r.rejected.at(-1)!.content }] };
    }
    case "openai-preference":
      return {
        prompt: plain(r.input.messages),
        targets: [{ label: "preferred", content: r.preferred_output[0]!.content }, { label: "non-preferred", content: r.non_preferred_output[0]!.content }],
      };
    case "llamafactory-ranking": {
      const turns = r.conversations.map((t) => ({ role: sharegptRole[t.from], content: t.value }));
      return { prompt: turns, targets: [{ label: "chosen", content: (r.chosen as unknown as SharegptTurn).value }, { label: "rejected", content: (r.rejected as unknown as SharegptTurn).value }] };
    }
    case "axolotl-prompt-pairs": {
      // Axolotl renders these strings itself (ChatML); shown here as the single-turn conversation they stand for.
      const system = r.system;
      const prompt: ChatMessage[] = [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user", content: r.prompt as unknown as string }];
      return { prompt, targets: [{ label: "chosen", content: r.chosen as unknown as string }, { label: "rejected", content: r.rejected as unknown as string }] };
    }
    case "prompt-only":
    case "verl-parquet":
      return { prompt: plain(r.prompt), targets: [] };
  }
}

const compiled = new Map<string, Template>();
function render(template: ChatTemplateData, messages: ChatMessage[], addGenerationPrompt: boolean): string {
  let t = compiled.get(template.id);
  if (!t) {
    t = new Template(template.template);
    compiled.set(template.id, t);
  }
  return t.render({ messages, add_generation_prompt: addGenerationPrompt, bos_token: template.bosToken, eos_token: template.eosToken });
}

/** The record through one chat template: one view per judged response (or the prompt alone for prompt-only). */
export function trainerViews(format: ExportFormatName, record: Record<string, unknown>, templateId: ChatTemplateId): TrainerView[] {
  const template = chatTemplates.find((t) => t.id === templateId);
  if (!template) throw new RangeError(`unknown chat template ${templateId}`);
  const { prompt, targets } = conversationOf(format, record);
  const context = render(template, prompt, true);
  if (targets.length === 0) return [{ label: "prompt (the policy generates the rest; the reward scores it)", segments: [{ text: context, loss: false }] }];
  return targets.map(({ label, content }) => {
    const full = render(template, [...prompt, { role: "assistant", content }], false);
    if (!full.startsWith(context)) {
      return { label, segments: [{ text: full, loss: false }], note: "this template renders the prompt differently once an answer follows: the context/target split cannot be shown" };
    }
    return { label, segments: [{ text: context, loss: false }, { text: full.slice(context.length), loss: true }] };
  });
}
