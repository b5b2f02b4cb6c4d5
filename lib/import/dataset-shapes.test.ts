import { describe, expect, it } from "vitest";
import { conversationHash } from "../conversation-hash";
import { extractFinalAnswer, lastBoxed } from "./final-answer";
import { parsePromptFile } from "./prompt-file-parser";
import { parseTranscript } from "./transcript";
import type { PromptRecord } from "./types";

/**
 * Golden tests: one record in the exact public shape of each dataset (field names, types and layout as
 * the dataset ships them on the Hub), and the prompt, answers, label and reference Arbiter reads.
 */
function importOne(record: unknown): PromptRecord {
  const { records, errors } = parsePromptFile(JSON.stringify(record), "jsonl");
  expect(errors).toEqual([]);
  expect(records).toHaveLength(1);
  return records[0]!;
}

function rejectionOf(record: unknown) {
  const { records, errors } = parsePromptFile(JSON.stringify(record), "jsonl");
  expect(records).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe("Anthropic HH-RLHF", () => {
  const hh = {
    chosen:
      "\n\nHuman: How do I keep basil alive indoors?\n\nAssistant: Give it a sunny window.\n\nHuman: It keeps wilting.\n\nAssistant: Water it when the top inch of soil is dry, and pinch off the flowers.\n\nThat keeps the leaves coming.",
    rejected: "\n\nHuman: How do I keep basil alive indoors?\n\nAssistant: Give it a sunny window.\n\nHuman: It keeps wilting.\n\nAssistant: Basil is hard. Buy a new one.",
  };

  it("parses the transcripts into turns: the shared prefix is the prompt, the last assistant turns are the answers", () => {
    const record = importOne(hh);
    expect(record.messages).toEqual([
      { role: "user", content: "How do I keep basil alive indoors?" },
      { role: "assistant", content: "Give it a sunny window." },
      { role: "user", content: "It keeps wilting." },
    ]);
    expect(record.answers).toEqual([
      { content: "Water it when the top inch of soil is dry, and pinch off the flowers.\n\nThat keeps the leaves coming.", label: "chosen" },
      { content: "Basil is hard. Buy a new one.", label: "rejected" },
    ]);
    expect(record.judgment).toEqual({ outcome: "PREFERENCE", ranks: [{ answer: 0, rank: 1 }, { answer: 1, rank: 2 }] });
    expect(record.shape).toBe("hh-rlhf");
    expect(record.metadata).toEqual({});
    expect(record.contentHash).toBe(conversationHash(record.messages));
  });

  it("imports identical chosen and rejected as a tie, and says so", () => {
    const record = importOne({ chosen: "\n\nHuman: Hi\n\nAssistant: Hello!", rejected: "\n\nHuman: Hi\n\nAssistant: Hello!" });
    expect(record.judgment?.outcome).toBe("TIE");
    expect(record.notices).toEqual(["identical-answers"]);
  });

  it("keeps no label when one answer is empty", () => {
    const record = importOne({ chosen: "\n\nHuman: Hi\n\nAssistant: Hello!", rejected: "\n\nHuman: Hi\n\nAssistant:" });
    expect(record.answers).toEqual([{ content: "Hello!", label: "chosen" }]);
    expect(record.judgment).toBeUndefined();
    expect(record.notices).toEqual(["empty-labelled-answer"]);
  });

  it("names the side whose conversation parts from the other", () => {
    const error = rejectionOf({ chosen: "\n\nHuman: A\n\nAssistant: B", rejected: "\n\nHuman: C\n\nAssistant: D" });
    expect(error.field).toBe("chosen");
    expect(error.message).toContain("they part at turn 1");
  });

  it("splits turns only at a blank line before Human: or Assistant:", () => {
    expect(parseTranscript("Human: a\nAssistant: not a turn\n\nAssistant: b")).toEqual([
      { role: "user", content: "a\nAssistant: not a turn" },
      { role: "assistant", content: "b" },
    ]);
    expect(parseTranscript("preamble\n\nHuman: a")).toBeUndefined();
  });
});

describe("UltraFeedback binarized", () => {
  const uf = {
    prompt: "Write a haiku about autumn.",
    prompt_id: "3f9a5c0f6b1c2d4e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f",
    chosen: [
      { content: "Write a haiku about autumn.", role: "user" },
      { content: "Crisp leaves drift and fall\nthe maple lets go of red\nwind hums an old song", role: "assistant" },
    ],
    rejected: [
      { content: "Write a haiku about autumn.", role: "user" },
      { content: "Autumn is a season.", role: "assistant" },
    ],
    messages: [
      { content: "Write a haiku about autumn.", role: "user" },
      { content: "Crisp leaves drift and fall\nthe maple lets go of red\nwind hums an old song", role: "assistant" },
    ],
    score_chosen: 8.5,
    score_rejected: 3.0,
  };

  it("accepts prompt, messages and chosen/rejected when they agree, and keeps the scores", () => {
    const record = importOne(uf);
    expect(record.messages).toEqual([{ role: "user", content: "Write a haiku about autumn." }]);
    expect(record.externalId).toBe(uf.prompt_id);
    expect(record.answers).toEqual([
      { content: uf.chosen[1]!.content, label: "chosen", score: 8.5 },
      { content: "Autumn is a season.", label: "rejected", score: 3 },
    ]);
    expect(record.judgment).toEqual({ outcome: "PREFERENCE", ranks: [{ answer: 0, rank: 1 }, { answer: 1, rank: 2 }] });
    expect(record.shape).toBe("ultrafeedback");
    expect(record.metadata).toEqual({});
  });

  it("reads equal scores as a tie", () => {
    const record = importOne({ ...uf, score_rejected: 8.5 });
    expect(record.judgment?.outcome).toBe("TIE");
    expect(record.notices).toContain("equal-scores");
  });

  it("refuses a record whose fields disagree, naming the field", () => {
    expect(rejectionOf({ ...uf, prompt: "Another prompt" })).toMatchObject({ field: "prompt", message: expect.stringContaining('does not match the first user turn of "chosen"') });
    expect(rejectionOf({ ...uf, messages: [{ content: "Other", role: "user" }] })).toMatchObject({ field: "messages" });
    expect(rejectionOf({ ...uf, score_chosen: 2 })).toMatchObject({ field: "score_rejected", message: expect.stringContaining("the scores and the chosen/rejected labels disagree") });
    expect(rejectionOf({ ...uf, score_chosen: "high" })).toMatchObject({ field: "score_chosen", message: 'line 1: field "score_chosen": expected a number, got a string' });
  });
});

describe("Chatbot Arena conversations", () => {
  const arena = {
    question_id: "58210e39b3fd4441a2bd4a518bb44c2d",
    model_a: "chatglm-6b",
    model_b: "koala-13b",
    winner: "model_b",
    judge: "arena_user_973",
    conversation_a: [
      { content: "What is the difference between OpenCL and CUDA?", role: "user" },
      { content: "OpenCL and CUDA are two different programming models.", role: "assistant" },
    ],
    conversation_b: [
      { content: "What is the difference between OpenCL and CUDA?", role: "user" },
      { content: "OpenCL is an open standard that runs on many vendors' devices; CUDA is NVIDIA's own platform.", role: "assistant" },
    ],
    turn: 1,
    anony: true,
    language: "English",
    tstamp: 1682351591.1322,
    openai_moderation: { categories: { harassment: false }, flagged: false },
    toxic_chat_tag: { roberta: { flagged: false, probability: 0.0014 } },
  };

  it("imports both answers with their model names and the vote as the label", () => {
    const record = importOne(arena);
    expect(record.messages).toEqual([{ role: "user", content: "What is the difference between OpenCL and CUDA?" }]);
    expect(record.externalId).toBe(arena.question_id);
    expect(record.answers).toEqual([
      { content: arena.conversation_a[1]!.content, model: "chatglm-6b" },
      { content: arena.conversation_b[1]!.content, model: "koala-13b" },
    ]);
    expect(record.judgment).toEqual({ outcome: "PREFERENCE", ranks: [{ answer: 1, rank: 1 }, { answer: 0, rank: 2 }] });
    expect(record.shape).toBe("chatbot-arena");
    expect(record.metadata).toEqual({
      judge: "arena_user_973",
      turn: 1,
      anony: true,
      language: "English",
      tstamp: 1682351591.1322,
      openai_moderation: arena.openai_moderation,
      toxic_chat_tag: arena.toxic_chat_tag,
    });
  });

  it.each([
    ["model_a", { outcome: "PREFERENCE", ranks: [{ answer: 0, rank: 1 }, { answer: 1, rank: 2 }] }],
    ["tie", { outcome: "TIE", ranks: [{ answer: 0, rank: 1 }, { answer: 1, rank: 1 }] }],
    ["tie (bothbad)", { outcome: "ALL_BAD", ranks: [{ answer: 0, rank: null }, { answer: 1, rank: null }] }],
  ])("reads winner %s", (winner, judgment) => {
    expect(importOne({ ...arena, winner }).judgment).toEqual(judgment);
  });

  it("refuses an unknown winner and a battle whose earlier answers differ", () => {
    expect(rejectionOf({ ...arena, winner: "model_c" })).toMatchObject({ field: "winner", message: expect.stringContaining("expected one of model_a, model_b, tie, tie (bothbad)") });
    const followUp = { content: "And which is faster?", role: "user" };
    const multi = {
      ...arena,
      conversation_a: [...arena.conversation_a, followUp, { content: "CUDA, usually.", role: "assistant" }],
      conversation_b: [...arena.conversation_b, followUp, { content: "It depends.", role: "assistant" }],
    };
    expect(rejectionOf(multi)).toMatchObject({ field: "conversation_b[1]" });
  });
});

describe("maths sets", () => {
  it("GSM8K: question, and the number after #### as the reference; the worked answer kept", () => {
    const gsm8k = {
      question: "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips to her friends in May. How many clips did Natalia sell altogether in April and May?",
      answer: "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72",
    };
    const record = importOne(gsm8k);
    expect(record.messages).toEqual([{ role: "user", content: gsm8k.question }]);
    expect(record.referenceAnswer).toBe("72");
    expect(record.metadata).toEqual({ solution: gsm8k.answer });
    expect(record.answers).toEqual([]);
    expect(record.notices).toEqual(["final-answer-extracted"]);
  });

  it("MATH: problem, and the last \\boxed{} of solution as the reference", () => {
    const math = {
      problem: "If $x + y = 10$ and $x - y = 2$, what is the value of $\\frac{x}{y}$?",
      level: "Level 2",
      type: "Algebra",
      solution: "Adding the equations gives $2x = 12$, so $x = 6$ and $y = 4$. Then $\\frac{x}{y} = \\boxed{\\frac{3}{2}}$.",
    };
    const record = importOne(math);
    expect(record.messages).toEqual([{ role: "user", content: math.problem }]);
    expect(record.referenceAnswer).toBe("\\frac{3}{2}");
    expect(record.metadata).toEqual({ level: "Level 2", type: "Algebra", solution: math.solution });
  });

  it("{problem, answer}: the answer is the reference as it is", () => {
    const record = importOne({ problem: "What is 6 * 7?", answer: "42" });
    expect(record.referenceAnswer).toBe("42");
    expect(record.metadata).toEqual({});
    expect(record.notices).toBeUndefined();
  });

  it("MATH-500: a short answer beside the worked solution wins; the solution stays as metadata", () => {
    const record = importOne({ problem: "Compute $1+1$.", solution: "We have $1+1=\\boxed{2}$.", answer: "2", subject: "Prealgebra", level: 1, unique_id: "test/prealgebra/1.json" });
    expect(record.referenceAnswer).toBe("2");
    expect(record.metadata).toEqual({ solution: "We have $1+1=\\boxed{2}$.", subject: "Prealgebra", level: 1, unique_id: "test/prealgebra/1.json" });
  });

  it("a solution without a final answer gives no reference and says so", () => {
    const record = importOne({ problem: "Prove it.", solution: "By induction on n." });
    expect(record.referenceAnswer).toBeUndefined();
    expect(record.metadata).toEqual({ solution: "By induction on n." });
    expect(record.notices).toEqual(["no-final-answer"]);
  });

  it("ground_truth and reference fields are read the same way", () => {
    expect(importOne({ prompt: "Q", ground_truth: "The total is 3 + 4.\n#### 7" }).referenceAnswer).toBe("7");
    expect(importOne({ prompt: "Q", reference: "\\boxed{(1, 2)}" }).referenceAnswer).toBe("(1, 2)");
  });

  it("extracts final answers: nested braces, the last box, GSM8K thousands", () => {
    expect(lastBoxed("first \\boxed{1} then \\boxed{\\frac{1}{\\sqrt{2}}}")).toBe("\\frac{1}{\\sqrt{2}}");
    expect(lastBoxed("\\fbox{x}")).toBe("x");
    expect(lastBoxed("\\boxed{unclosed")).toBeUndefined();
    expect(extractFinalAnswer("So 1,000 in all.\n#### 1,000")).toEqual({ answer: "1000", how: "gsm8k" });
    expect(extractFinalAnswer("just text")).toBeUndefined();
  });
});

describe("a message list that ends with an assistant turn", () => {
  it("is read as prompt plus answer, and the record says so", () => {
    const record = importOne({ messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "A" }] });
    expect(record.answers).toEqual([{ content: "A" }]);
    expect(record.notices).toEqual(["assistant-turn-as-answer"]);
  });
});
