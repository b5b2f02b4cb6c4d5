import { describe, it, expect } from "vitest";
import { conversationSchema } from "@/lib/conversation";
import { identityDemo } from "./identity-demo";

const CJK = /[\u3400-\u9fff]/u;

function lastUserTurn(messages: readonly { role: string; content: string }[]): string {
  return messages.filter((message) => message.role === "user").at(-1)?.content ?? "";
}

describe("identityDemo", () => {
  const { prompts } = identityDemo;

  it("has the set's settings", () => {
    expect(identityDemo.name).toBe("Demo: identity tuning (Deep Qwen)");
    expect(identityDemo.judgingMode).toBe("PAIRWISE");
    expect(identityDemo.candidatesPerPrompt).toBe(3);
    expect(identityDemo.overlap).toBe(1);
    expect(identityDemo.defaultSystemMessage).toContain("Deep Qwen");
    expect(identityDemo.rewriteRules).toEqual([
      { pattern: "Qwen", replacement: "Deep Qwen", wholeWord: true, caseSensitive: true, isRegex: false },
    ]);
    expect(identityDemo.guidelines).toContain("Deep Qwen team");
    expect(identityDemo.guidelines).toMatch(/not model output/);
  });

  it("has at least 20 prompts", () => {
    expect(prompts.length).toBeGreaterThanOrEqual(20);
  });

  it("every prompt's messages are a valid conversation", () => {
    for (const prompt of prompts) {
      const result = conversationSchema.safeParse(prompt.messages);
      expect(result.success, JSON.stringify(prompt.messages)).toBe(true);
    }
  });

  it("holds both English and Chinese prompts, about half each", () => {
    const chinese = prompts.filter((prompt) => CJK.test(lastUserTurn(prompt.messages))).length;
    const english = prompts.length - chinese;
    expect(chinese).toBeGreaterThanOrEqual(Math.floor(prompts.length / 3));
    expect(english).toBeGreaterThanOrEqual(Math.floor(prompts.length / 3));
  });

  it("includes multi-turn conversations and prompts with their own system message", () => {
    expect(prompts.some((prompt) => prompt.messages.some((message) => message.role === "assistant"))).toBe(true);
    expect(prompts.some((prompt) => prompt.messages[0]?.role === "system")).toBe(true);
  });

  it("every prompt has distinct candidates and a real preference", () => {
    for (const prompt of prompts) {
      const label = lastUserTurn(prompt.messages);
      expect(prompt.candidates.length, label).toBe(identityDemo.candidatesPerPrompt);
      expect(new Set(prompt.candidates).size, label).toBeGreaterThanOrEqual(2);
      expect(new Set(prompt.candidates).size, label).toBe(prompt.candidates.length);
      for (const candidate of prompt.candidates) expect(candidate.trim(), label).not.toBe("");
      // One candidate states the target identity, at least one does not.
      expect(prompt.candidates.filter((candidate) => candidate.includes("Deep Qwen")).length, label).toBe(1);
    }
  });

  it("has no duplicate conversations", () => {
    const keys = prompts.map((prompt) => JSON.stringify(prompt.messages));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
