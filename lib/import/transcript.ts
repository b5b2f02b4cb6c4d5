import type { ChatRole } from "../conversation";

/**
 * Anthropic HH-RLHF writes a whole conversation as one string: "\n\nHuman: ...\n\nAssistant: ...".
 * A turn starts only at a blank line followed by "Human:" or "Assistant:", so an answer's own blank
 * lines stay inside it.
 */
const TURN = /\n\n(Human|Assistant):[ ]?/;
const LOOKS_LIKE_TRANSCRIPT = /(^|\n\n)Human:[\s\S]*\n\nAssistant:/;

export function isHumanAssistantTranscript(value: unknown): value is string {
  return typeof value === "string" && LOOKS_LIKE_TRANSCRIPT.test(value);
}

export type TranscriptTurn = { role: Extract<ChatRole, "user" | "assistant">; content: string };

/** The turns of a transcript; `undefined` when text comes before the first "Human:". */
export function parseTranscript(text: string): TranscriptTurn[] | undefined {
  const parts = (text.startsWith("Human:") ? `\n\n${text}` : text).split(new RegExp(TURN.source, "g"));
  const [before, ...rest] = parts;
  if (before === undefined || before.trim() !== "") return undefined;
  const turns: TranscriptTurn[] = [];
  for (let index = 0; index + 1 < rest.length; index += 2) {
    turns.push({ role: rest[index] === "Human" ? "user" : "assistant", content: rest[index + 1] ?? "" });
  }
  return turns;
}
