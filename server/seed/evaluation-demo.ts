import "server-only";
import type { DemoPrompt } from "./identity-demo";

/**
 * The second demo set, seeded on first start so that the Quality page and the Leaderboard have something
 * to show from a fresh clone: the identity prompts answered by two "models" (a base and its tuned
 * version; the answers are the identity demo's sample texts, named after models, not model output), each
 * judged by both demo annotators, two of them gold. Pure: it only decides who says what.
 */

export const EVALUATION_DEMO = {
  name: "Demo: evaluation (base vs tuned)",
  description:
    "Two models' answers to the identity prompts, judged by both demo annotators, so that the Quality page (agreement, annotator statistics, gold accuracy) and the Leaderboard (two models with intervals) have numbers from the first start. The answers are sample texts named after models, not model output.",
  guidelines: "Pick the answer that says it is **Deep Qwen**, made by the **Deep Qwen team** (see the identity demo's guidelines).",
  baseModel: "Qwen2.5-0.5B-Instruct",
  tunedModel: "Qwen2.5-0.5B-Instruct + DPO v1",
  overlap: 2,
  goldMinItems: 2,
  goldMinAccuracy: 0.7,
  /** Instruction checks for the Leaderboard's pass rates: names the new identity, never an old maker. */
  verifierChecks: [
    { type: "must-include", name: "names Deep Qwen", texts: ["Deep Qwen"] },
    { type: "must-not-include", name: "no other maker", texts: ["Alibaba", "OpenAI", "阿里云", "ChatGPT"] },
  ],
} as const;

export type DemoVerdict = "tuned" | "base" | "tie" | "bad";
export type EvaluationDemoPrompt = {
  prompt: DemoPrompt;
  base: string;
  tuned: string;
  /** Gold prompts expect the tuned answer to win. */
  isGold: boolean;
  /** One per demo annotator (first, second): the verdict, whether the tuned answer was shown first, the time spent, days ago. */
  judgments: { verdict: DemoVerdict; tunedFirst: boolean; timeSpentMs: number; daysAgo: number }[];
};

/**
 * Per prompt: the tuned model's answer is the one that names Deep Qwen, the base model's the other one
 * that names Qwen (else the first other). The first annotator prefers the tuned answer except for a
 * few ties; the second disagrees now and then, and misses one of the two gold prompts (gold accuracy
 * 1 of 2, under the set's 70% after its 2 items: flagged, not paused).
 */
export function planEvaluationDemo(prompts: readonly DemoPrompt[]): EvaluationDemoPrompt[] {
  return prompts.map((prompt, i) => {
    const tuned = prompt.candidates.find((candidate) => candidate.includes("Deep Qwen"))!;
    const others = prompt.candidates.filter((candidate) => candidate !== tuned);
    const base = others.find((candidate) => /Qwen|通义千问/.test(candidate)) ?? others[0]!;
    const isGold = i < 2;
    const first: DemoVerdict = !isGold && i % 7 === 3 ? "tie" : "tuned";
    const second: DemoVerdict = i === 1 ? "base" : isGold ? "tuned" : i % 5 === 2 ? "base" : i % 11 === 4 ? "tie" : i % 13 === 6 ? "bad" : "tuned";
    return {
      prompt,
      base,
      tuned,
      isGold,
      judgments: [first, second].map((verdict, annotator) => ({
        verdict,
        tunedFirst: (i + annotator) % 2 === 0,
        timeSpentMs: 4000 + ((i * 1373 + annotator * 2111) % 9000),
        daysAgo: i % 3,
      })),
    };
  });
}

/** The ranks of (tuned, base) for a verdict; null = no rank (both bad). */
export function demoRanks(verdict: DemoVerdict): { tuned: number | null; base: number | null; outcome: "PREFERENCE" | "TIE" | "ALL_BAD" } {
  if (verdict === "tuned") return { tuned: 1, base: 2, outcome: "PREFERENCE" };
  if (verdict === "base") return { tuned: 2, base: 1, outcome: "PREFERENCE" };
  if (verdict === "tie") return { tuned: 1, base: 1, outcome: "TIE" };
  return { tuned: null, base: null, outcome: "ALL_BAD" };
}
