import { hash } from "node:crypto";
import type { ChatMessage } from "./conversation";

// Node only (node:crypto): imports, seeds, export splits and tests use it; no component may, or the
// browser bundle gains a crypto polyfill.

/**
 * The identity of a conversation within a prompt set: sha256 over roles and contents, each content
 * trimmed, so that re-importing the same conversation (or one differing only in outer whitespace) is a
 * duplicate.
 */
export function conversationHash(messages: readonly ChatMessage[]): string {
  const canonical = JSON.stringify(messages.map((message) => [message.role, message.content.trim()]));
  // One-shot hash (Node >= 20.12): the same digest as createHash, cheaper per call (exports hash every prompt).
  return hash("sha256", canonical, "hex");
}
