import { z } from "zod";

// Browser-safe: the conversation's shape and pure helpers only. Its hash (node:crypto) lives in
// ./conversation-hash, which the browser never loads.

/** Roles a prompt's conversation may hold. The judged response is always one assistant turn. */
export const chatRoleSchema = z.enum(["system", "user", "assistant"]);
export type ChatRole = z.infer<typeof chatRoleSchema>;

/** Exactly `role` and `content`: trainers load a uniform message shape (see export-formats.md). */
export const chatMessageSchema = z.object({ role: chatRoleSchema, content: z.string() }).strict();
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/**
 * A prompt's conversation: an optional leading system message, then turns that end on a user turn.
 * Everything up to and including the last user turn is the prompt.
 */
export const conversationSchema = z
  .array(chatMessageSchema)
  .min(1, "a conversation needs at least one message")
  .superRefine((messages, ctx) => {
    messages.forEach((message, index) => {
      if (message.role === "system" && index !== 0) {
        ctx.addIssue({ code: "custom", path: [index, "role"], message: "a system message may only come first" });
      }
    });
    const last = messages.at(-1);
    if (last && last.role !== "user") {
      ctx.addIssue({ code: "custom", path: [messages.length - 1, "role"], message: "the last message must be a user turn" });
    }
  });

/** The conversation with the set's default system message applied when it has none of its own. */
export function withSystemMessage(messages: readonly ChatMessage[], defaultSystem: string | null | undefined): ChatMessage[] {
  if (messages[0]?.role === "system" || !defaultSystem) return [...messages];
  return [{ role: "system", content: defaultSystem }, ...messages];
}
