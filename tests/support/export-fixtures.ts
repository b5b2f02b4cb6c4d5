import type { CandidateRank, ExportCandidate, ExportJudgment, JudgedPrompt } from "../../lib/export/types";

/**
 * A fixed set of judged prompts for the golden tests: single- and multi-turn prompts, a prompt with its
 * own system message and prompts relying on the set's default one, Chinese and emoji, a tie, an
 * "all bad" with a human rewrite, a rule-derived candidate, and several annotators who disagree.
 */

export const IDENTITY_SYSTEM = "You are Deep Qwen, a helpful assistant.";
export const MATH_SYSTEM = "Put the final numeric answer inside \\boxed{}.";

const at = new Date("2026-01-15T10:00:00.000Z");

function candidate(id: string, content: string, overrides: Partial<ExportCandidate> = {}): ExportCandidate {
  return { id, content, source: "GENERATED", parentId: null, model: "qwen2.5-7b-instruct", ...overrides };
}

/** Ranks from [candidateId, rank] in shown order (position 0 = left). */
function ranks(...entries: [string, number | null][]): CandidateRank[] {
  return entries.map(([candidateId, rank], position) => ({ candidateId, rank, position }));
}

function judgment(id: string, annotatorId: string, outcome: ExportJudgment["outcome"], ranked: CandidateRank[], rewriteCandidateId: string | null = null): ExportJudgment {
  return { id, annotatorId, source: "HUMAN", outcome, ranks: ranked, rewriteCandidateId, flags: [], createdAt: at };
}

/** Relies on the set's default system message; three annotators rank three candidates and disagree. */
export const identityPrompt: JudgedPrompt = {
  promptId: "p-identity",
  promptSetId: "set-identity",
  messages: [{ role: "user", content: "Who are you?" }],
  defaultSystemMessage: IDENTITY_SYSTEM,
  referenceAnswer: null,
  candidates: [
    candidate("c1", "I am Qwen, created by Alibaba Cloud."),
    candidate("c2", "I am Deep Qwen, a helpful assistant.", { source: "RULE_DERIVED", parentId: "c1", model: null }),
    candidate("c3", "I'm an AI."),
  ],
  judgments: [
    judgment("j1", "ann-a", "PREFERENCE", ranks(["c1", 3], ["c2", 1], ["c3", 2])),
    judgment("j2", "ann-b", "PREFERENCE", ranks(["c2", 1], ["c3", 3], ["c1", 2])),
    judgment("j3", "ann-c", "PREFERENCE", ranks(["c3", 1], ["c1", 3], ["c2", 2])),
  ],
};

/** Multi-turn, its own system message (which wins over the set's default), Chinese and emoji. */
export const greatWallPrompt: JudgedPrompt = {
  promptId: "p-great-wall",
  promptSetId: "set-identity",
  messages: [
    { role: "system", content: "你是一个乐于助人的助手。" },
    { role: "user", content: "你好！" },
    { role: "assistant", content: "你好！有什么可以帮你的吗？" },
    { role: "user", content: "用一句话介绍长城。🏯" },
  ],
  defaultSystemMessage: IDENTITY_SYSTEM,
  referenceAnswer: null,
  candidates: [
    candidate("d1", "长城是中国古代修建的军事防御工程，绵延万里。🧱"),
    candidate("d2", "长城很长。"),
  ],
  judgments: [
    judgment("j4", "ann-a", "PREFERENCE", ranks(["d2", 2], ["d1", 1])),
    judgment("j5", "ann-b", "PREFERENCE", ranks(["d1", 1], ["d2", 2])),
  ],
};

/** A tie, with a verifiable reference answer and a math set's default system message. */
export const arithmeticPrompt: JudgedPrompt = {
  promptId: "p-arithmetic",
  promptSetId: "set-math",
  messages: [{ role: "user", content: "What is 2 + 2?" }],
  defaultSystemMessage: MATH_SYSTEM,
  referenceAnswer: "4",
  candidates: [candidate("e1", "\\boxed{4}"), candidate("e2", "2 + 2 = \\boxed{4}")],
  judgments: [judgment("j6", "ann-a", "TIE", ranks(["e1", 1], ["e2", 1]))],
};

/** Both bad, one annotator rewrote the first answer; the set has no default system message. */
export const haikuPrompt: JudgedPrompt = {
  promptId: "p-haiku",
  promptSetId: "set-poetry",
  messages: [{ role: "user", content: "Write a haiku about the sea." }],
  defaultSystemMessage: null,
  referenceAnswer: null,
  candidates: [
    candidate("f1", "The sea is big and blue."),
    candidate("f2", "Waves, waves, waves."),
    candidate("f3", "Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore.", {
      source: "HUMAN_REWRITE",
      parentId: "f1",
      model: null,
    }),
  ],
  judgments: [
    judgment("j7", "ann-a", "ALL_BAD", ranks(["f1", null], ["f2", null]), "f3"),
    judgment("j8", "ann-b", "ALL_BAD", ranks(["f2", null], ["f1", null])),
  ],
};

export const goldenPrompts: readonly JudgedPrompt[] = [identityPrompt, greatWallPrompt, arithmeticPrompt, haikuPrompt];

/** Four candidates ranked by three annotators, for comparing pairing policies. */
export const rankingPrompt: JudgedPrompt = {
  promptId: "p-ranking",
  promptSetId: "set-identity",
  messages: [{ role: "user", content: "Name a prime number." }],
  defaultSystemMessage: IDENTITY_SYSTEM,
  referenceAnswer: null,
  candidates: [candidate("h1", "2"), candidate("h2", "3"), candidate("h3", "9"), candidate("h4", "1")],
  judgments: [
    judgment("ja", "ann-a", "PREFERENCE", ranks(["h1", 1], ["h2", 2], ["h3", 3], ["h4", 4])),
    judgment("jb", "ann-b", "PREFERENCE", ranks(["h3", 2], ["h1", 1], ["h4", 4], ["h2", 3])),
    judgment("jc", "ann-c", "PREFERENCE", ranks(["h4", 3], ["h3", 4], ["h2", 1], ["h1", 2])),
  ],
};
