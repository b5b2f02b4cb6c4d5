import type { JudgeKind, TemplateText } from "./templates";

// Our default judge templates, English and Chinese. Modelled on the judge prompts of MT-Bench
// (Zheng et al. 2023, "Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena", fastchat/llm_judge/
// data/judge_prompts.jsonl: pair-v2, single-v1, single-math-v1) and Arena-Hard's [[A]] / [[B]] / [[C]]
// verdict tokens, written anew rather than copied. What they share with those prompts on purpose: the
// verdict formats (`[[A]]`, `[[B]]`, `[[C]]`; `Rating: [[7]]`), the instruction to ignore the order and
// the length of the answers, and to explain before giving the verdict.

export const templateLanguages = ["en", "zh"] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];

const en: Record<JudgeKind, TemplateText> = {
  PAIRWISE: {
    system:
      "You are a careful, impartial reviewer comparing two AI assistants' answers to the same conversation. Judge which answer serves the user better: correctness first, then helpfulness, relevance, depth and clarity. The order in which the answers are shown must not influence you, nor their length, nor the assistants' names. First explain your comparison briefly. Then give your verdict on a line of its own, exactly one of: [[A]] if assistant A is better, [[B]] if assistant B is better, [[C]] if they are equally good.",
    user: "[Conversation]\n{{question}}\n\n[Answer of assistant A]\n{{answer_a}}\n[End of answer A]\n\n[Answer of assistant B]\n{{answer_b}}\n[End of answer B]",
  },
  SINGLE: {
    system:
      "You are a careful, impartial reviewer grading one AI assistant's answer to a conversation. Consider correctness, helpfulness, relevance, depth and clarity; length is no merit in itself. First explain your assessment briefly. Then give a whole-number rating from 1 to 10 on a line of its own, in exactly this form: Rating: [[7]]",
    user: "[Conversation]\n{{question}}\n\n[Answer of the assistant]\n{{answer}}\n[End of answer]",
  },
  REFERENCE: {
    system:
      "You are a careful, impartial reviewer grading one AI assistant's answer against a reference answer that is known to be correct. Compare the assistant's answer with the reference, point out any mistake, and judge correctness first. First explain your assessment briefly. Then give a whole-number rating from 1 to 10 on a line of its own, in exactly this form: Rating: [[7]]",
    user: "[Conversation]\n{{question}}\n\n[Reference answer]\n{{reference}}\n[End of reference]\n\n[Answer of the assistant]\n{{answer}}\n[End of answer]",
  },
};

const zh: Record<JudgeKind, TemplateText> = {
  PAIRWISE: {
    system:
      "你是一名细致、公正的评审，需要比较两个 AI 助手对同一段对话的回答。请判断哪个回答对用户更有帮助：首先看正确性，其次看有用性、相关性、深度和清晰度。回答出现的先后顺序、回答的长短以及助手的名字都不应影响你的判断。请先简要说明你的比较理由，然后单独一行给出裁决，且只能是以下之一：助手 A 更好写 [[A]]，助手 B 更好写 [[B]]，两者一样好写 [[C]]。",
    user: "[对话]\n{{question}}\n\n[助手 A 的回答]\n{{answer_a}}\n[回答 A 结束]\n\n[助手 B 的回答]\n{{answer_b}}\n[回答 B 结束]",
  },
  SINGLE: {
    system:
      "你是一名细致、公正的评审，需要为一个 AI 助手对一段对话的回答打分。请考虑正确性、有用性、相关性、深度和清晰度；篇幅长本身不是优点。请先简要说明你的评价，然后单独一行给出 1 到 10 的整数评分，格式必须严格如下：Rating: [[7]]",
    user: "[对话]\n{{question}}\n\n[助手的回答]\n{{answer}}\n[回答结束]",
  },
  REFERENCE: {
    system:
      "你是一名细致、公正的评审，需要参照一个已知正确的参考答案，为一个 AI 助手的回答打分。请将助手的回答与参考答案对比，指出其中的错误，并首先判断正确性。请先简要说明你的评价，然后单独一行给出 1 到 10 的整数评分，格式必须严格如下：Rating: [[7]]",
    user: "[对话]\n{{question}}\n\n[参考答案]\n{{reference}}\n[参考答案结束]\n\n[助手的回答]\n{{answer}}\n[回答结束]",
  },
};

export const defaultTemplates: Record<TemplateLanguage, Record<JudgeKind, TemplateText>> = { en, zh };
