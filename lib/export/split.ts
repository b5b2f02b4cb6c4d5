import { hash } from "node:crypto";
import type { ChatMessage } from "../conversation";
import { conversationHash } from "../conversation-hash";

/**
 * Train/test/validation assignment by a stable hash of the prompt (never of the pair), so that all
 * rows of one prompt land in the same split and the same seed gives the same split on every run,
 * on every machine, whatever order the rows are read in.
 */

export type SplitName = "train" | "test" | "validation";

/** Relative weights (normalised by their sum); `validation` absent or 0 means no validation split. */
export type SplitRatios = { train: number; test: number; validation?: number };

// 48 bits of the digest: exact in a double, and far finer than any ratio anyone asks for.
const UNIT_BITS = 48;

/** A number in [0, 1) from sha256(seed, key). */
export function splitPoint(key: string, seed: string | number): number {
  // One-shot hash (Node >= 20.12): the same digest as createHash().update().digest(), without the Hash object.
  const digest = hash("sha256", `arbiter-split\u0000${String(seed)}\u0000${key}`, "buffer");
  return digest.readUIntBE(0, UNIT_BITS / 8) / 2 ** UNIT_BITS;
}

/**
 * The split of one prompt. Buckets lie on [0, 1) in the order train, test, validation, so that moving
 * share from train to test (ratios of the same sum) moves only prompts from train to test: a test
 * prompt never goes back to train.
 */
export function assignSplit(key: string, seed: string | number, ratios: SplitRatios): SplitName {
  const weights = [ratios.train, ratios.test, ratios.validation ?? 0];
  if (weights.some((weight) => !Number.isFinite(weight) || weight < 0)) throw new RangeError("split ratios must be finite and non-negative");
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) throw new RangeError("split ratios must not all be zero");
  const point = splitPoint(key, seed) * total;
  const names: SplitName[] = ["train", "test", "validation"];
  let upper = 0;
  let lastNonEmpty: SplitName = "train";
  for (const [index, name] of names.entries()) {
    const weight = weights[index] ?? 0;
    if (weight === 0) continue;
    upper += weight;
    lastNonEmpty = name;
    if (point < upper) return name;
  }
  // Only rounding in the running sum can leave a point past the end; it belongs to the last bucket.
  return lastNonEmpty;
}

/**
 * A content key for a prompt: the import's conversation hash of its non-system turns (trimmed). Two
 * prompts that ask the same thing (imported twice, or in two prompt sets with different system
 * messages) get the same key and so the same split: otherwise one would be trained on and the other
 * tested, a leak.
 */
export function promptContentKey(messages: readonly ChatMessage[]): string {
  return conversationHash(messages.filter((message) => message.role !== "system"));
}

/** The split key of a prompt: its id, or its content key (recommended when prompts may repeat). */
export function promptSplitKey(prompt: { promptId: string; messages: readonly ChatMessage[] }, by: "prompt-id" | "content"): string {
  return by === "prompt-id" ? prompt.promptId : promptContentKey(prompt.messages);
}
