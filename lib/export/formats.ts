import { withSystemMessage, type ChatMessage } from "../conversation";
import type {
  AxolotlPromptPairsRecord,
  KtoRecord,
  LlamafactoryRankingRecord,
  LlamafactorySharegptSftRecord,
  OpenaiChatRecord,
  OpenaiPreferenceRecord,
  PromptOnlyRecord,
  RecordByFormat,
  TrlMessagesRecord,
  TrlPreferenceImplicitRecord,
  TrlPreferenceRecord,
  TrlPromptCompletionRecord,
  VerlRecord,
} from "./schemas";
import type {
  ExampleByKind,
  ExportFormatName,
  ExportPrompt,
  FormatKind,
  LlamaFactoryFormatName,
  PreferenceExample,
  PromptOnlyExample,
  RecordShapeOptions,
  SftExample,
  UnpairedExample,
} from "./types";

/**
 * Format writers: one plain function per format, from one example to one record (a plain JSON value).
 * Shapes follow docs/export-formats.md to the letter. Every writer:
 * - writes the prompt's own system message, or the prompt set's default one when it has none
 *   (Qwen's template would otherwise inject "You are Qwen, created by Alibaba Cloud");
 * - writes messages with exactly `role` and `content` (plus `weight` in OpenAI chat), in that key order;
 * - writes the judged response as one assistant turn after the last user turn.
 */

export type FormatProblem =
  | "prompt-not-ending-on-user"
  | "non-alternating-turns"
  | "missing-reference-answer"
  | "missing-margin";

/** An example the format cannot represent. `recordProblem` predicts it so the caller can count and skip. */
export class ExportRecordError extends Error {
  constructor(readonly problem: FormatProblem, message: string = problem) {
    super(message);
    this.name = "ExportRecordError";
  }
}

/** The prompt as written: system message applied, each message reduced to exactly role and content. */
export function promptMessages(prompt: ExportPrompt): ChatMessage[] {
  const messages = withSystemMessage(prompt.messages, prompt.defaultSystemMessage).map(({ role, content }) => ({ role, content }));
  if (messages.at(-1)?.role !== "user") throw new ExportRecordError("prompt-not-ending-on-user", "a prompt must end on a user turn");
  return messages;
}

type AssistantMessage = { role: "assistant"; content: string };

function assistant(content: string): AssistantMessage {
  return { role: "assistant", content };
}

/** The judged response as the one-message list the completion-style columns hold. */
function completion(content: string): [AssistantMessage] {
  return [assistant(content)];
}

function alternatesFromUser(messages: readonly ChatMessage[]): boolean {
  const turns = messages[0]?.role === "system" ? messages.slice(1) : messages;
  return turns.every((message, turn) => message.role === (turn % 2 === 0 ? "user" : "assistant"));
}

function checkedMargin(example: PreferenceExample, options: RecordShapeOptions): number | undefined {
  if (!options.includeMargin) return undefined;
  // JSON.stringify turns NaN and Infinity into null, which no trainer reads as a margin.
  if (example.margin === undefined || !Number.isFinite(example.margin)) {
    throw new ExportRecordError("missing-margin", "this export writes a margin column: every example needs a finite margin");
  }
  return example.margin;
}

// ---------- SFT ----------

/** TRL conversational LM (SFTTrainer), Axolotl `type: chat_template`, veRL multi-turn SFT. */
export function trlMessagesRecord(example: SftExample): TrlMessagesRecord {
  return { messages: [...promptMessages(example.prompt), assistant(example.completion)] };
}

/** TRL prompt-completion: SFTTrainer trains on the completion only by default. */
export function trlPromptCompletionRecord(example: SftExample): TrlPromptCompletionRecord {
  return { prompt: promptMessages(example.prompt), completion: completion(example.completion) };
}

/**
 * OpenAI chat fine-tuning. The judged response has `weight: 1`; assistant turns that are part of a
 * multi-turn prompt have `weight: 0`: no one judged them, and OpenAI would otherwise train on them too.
 * (Every assistant message carries `weight`, so the assistant message shape is uniform.)
 */
export function openaiChatRecord(example: SftExample): OpenaiChatRecord {
  const prompt = promptMessages(example.prompt).map(
    (message): OpenaiChatRecord["messages"][number] =>
      message.role === "assistant" ? { role: "assistant", content: message.content, weight: 0 } : { role: message.role, content: message.content },
  );
  return { messages: [...prompt, { role: "assistant", content: example.completion, weight: 1 }] };
}

/**
 * LLaMA-Factory SFT: the TRL `messages` shape, registered by `datasetInfoJson` with role/content tags.
 * LLaMA-Factory drops rows whose turns do not alternate user/assistant after the system message.
 */
export function llamafactorySharegptSftRecord(example: SftExample): LlamafactorySharegptSftRecord {
  const messages = promptMessages(example.prompt);
  if (!alternatesFromUser(messages)) throw new ExportRecordError("non-alternating-turns", "LLaMA-Factory needs user/assistant alternation");
  return { messages: [...messages, assistant(example.completion)] };
}

// ---------- Preference ----------

/** TRL explicit prompt (DPOTrainer's recommended shape; OpenRLHF with prompt/chosen/rejected keys). */
export function trlPreferenceRecord(example: PreferenceExample, options: RecordShapeOptions = {}): TrlPreferenceRecord {
  const record = { prompt: promptMessages(example.prompt), chosen: completion(example.chosen), rejected: completion(example.rejected) };
  const margin = checkedMargin(example, options);
  return margin === undefined ? record : { ...record, margin };
}

/**
 * TRL implicit prompt (RewardTrainer's recommended shape): both sides are the whole conversation.
 * Also takes the margin column, which RewardTrainer reads in either shape.
 */
export function trlPreferenceImplicitRecord(example: PreferenceExample, options: RecordShapeOptions = {}): TrlPreferenceImplicitRecord {
  const prompt = promptMessages(example.prompt);
  const record = { chosen: [...prompt, assistant(example.chosen)], rejected: [...prompt, assistant(example.rejected)] };
  const margin = checkedMargin(example, options);
  return margin === undefined ? record : { ...record, margin };
}

// Axolotl's chatml.prompt_pairs renders `<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n`.
const CHATML_NEXT_TURN = "<|im_end|>\n<|im_start|>";

/**
 * Axolotl `chatml.prompt_pairs`: plain strings, the system message in `system`.
 * `system` is in every row, "" when there is none (Axolotl then writes no system block), so the shape
 * is uniform. Multi-turn prompts: earlier turns are embedded in `prompt` with ChatML turn markers, so
 * that Axolotl's template reproduces the exact ChatML conversation:
 *   prompt = "u1<|im_end|>\n<|im_start|>assistant\na1<|im_end|>\n<|im_start|>user\nu2"
 * This is right for ChatML models (Qwen, the strategy's name) only; for other templates use a
 * conversational format. Single-turn prompts are the user text as it is.
 */
export function axolotlPromptPairsRecord(example: PreferenceExample): AxolotlPromptPairsRecord {
  const messages = promptMessages(example.prompt);
  const system = messages[0]?.role === "system" ? messages[0].content : "";
  const turns = messages[0]?.role === "system" ? messages.slice(1) : messages;
  // The template opens the first turn as the user's: a prompt opening on an assistant turn cannot be written.
  if (turns[0]?.role !== "user") throw new ExportRecordError("non-alternating-turns", "the first turn after the system message must be a user turn");
  const prompt = turns.map((turn, index) => (index === 0 ? turn.content : `${CHATML_NEXT_TURN}${turn.role}\n${turn.content}`)).join("");
  return { system, prompt, chosen: example.chosen, rejected: example.rejected };
}

/** OpenAI preference fine-tuning: single-turn judged output, multi-turn input allowed. */
export function openaiPreferenceRecord(example: PreferenceExample): OpenaiPreferenceRecord {
  return {
    input: { messages: promptMessages(example.prompt), tools: [], parallel_tool_calls: true },
    preferred_output: completion(example.chosen),
    non_preferred_output: completion(example.rejected),
  };
}

const SHAREGPT_FROM = { system: "system", user: "human", assistant: "gpt" } as const;

/**
 * LLaMA-Factory preference (ShareGPT `from`/`value`, registered with `"ranking": true`).
 * The system message is a `{"from":"system"}` first turn of `conversations`: LLaMA-Factory's
 * SharegptDatasetConverter takes a first turn whose `from` equals `system_tag` (default "system") as
 * the system prompt, so the spec's dataset_info entry needs no extra tags or `system` column.
 * After it, turns must alternate human/gpt and end on human.
 */
export function llamafactoryRankingRecord(example: PreferenceExample): LlamafactoryRankingRecord {
  const messages = promptMessages(example.prompt);
  if (!alternatesFromUser(messages)) throw new ExportRecordError("non-alternating-turns", "LLaMA-Factory needs human/gpt alternation");
  return {
    conversations: messages.map((message) => ({ from: SHAREGPT_FROM[message.role], value: message.content })),
    chosen: { from: "gpt", value: example.chosen },
    rejected: { from: "gpt", value: example.rejected },
  };
}

// ---------- Unpaired ----------

/** TRL KTO/BCO: `label` is a JSON boolean (chosen true; rejected and all-bad false). */
export function ktoRecord(example: UnpairedExample): KtoRecord {
  return { prompt: promptMessages(example.prompt), completion: completion(example.completion), label: example.label };
}

// ---------- Prompt-only ----------

/**
 * TRL GRPO/RLOO/online DPO: `prompt`, plus the reference answer when the export asks for it, in a
 * column named `ground_truth` or `solution` (the name TRL's `accuracy_reward` reads).
 * `ground_truth` is decided per export, never per row: with "require" every row has a string (a prompt
 * without a reference answer cannot be written), with "omit" no row has it. A null in some rows is no
 * way out: Arrow's JSON reader fails when a column seen as null turns into strings later in the file.
 */
export function promptOnlyRecord(example: PromptOnlyExample, options: RecordShapeOptions = {}): PromptOnlyRecord {
  const prompt = promptMessages(example.prompt);
  const verifier = {
    // A JSON string, not nested objects: checks of different types have different keys, and Arrow
    // would otherwise infer one struct for all of them. A reward function reads it with json.loads.
    ...(options.verifierChecks ? { checks: JSON.stringify(example.prompt.verifierChecks ?? []) } : {}),
    ...(options.passRate ? { pass_rate: example.passRate ?? 0, n_samples: example.samples ?? 0 } : {}),
  };
  if (options.groundTruth !== "require") return { prompt, ...verifier };
  const groundTruth = example.prompt.referenceAnswer;
  const column = options.referenceColumn ?? "ground_truth";
  if (groundTruth === null) throw new ExportRecordError("missing-reference-answer", `this export writes ${column}: the prompt has no reference answer`);
  return column === "solution" ? { prompt, solution: groundTruth, ...verifier } : { prompt, ground_truth: groundTruth, ...verifier };
}

/**
 * veRL (RLHFDataset; examples/data_preprocess/gsm8k.py): `data_source` selects the reward function
 * (veRL's default_compute_score knows only public sets, so a custom_reward_function is named on the
 * card), `prompt` is the chat messages, the reference is `reward_model.ground_truth` (null when the
 * prompt has none and the export does not require one), `extra_info.index` is added by the parquet writer.
 */
export function verlRecord(example: PromptOnlyExample, options: RecordShapeOptions = {}): VerlRecord {
  const prompt = promptMessages(example.prompt);
  const groundTruth = example.prompt.referenceAnswer;
  if (options.groundTruth === "require" && groundTruth === null) {
    throw new ExportRecordError("missing-reference-answer", "this export writes reward_model.ground_truth: the prompt has no reference answer");
  }
  return {
    data_source: "arbiter",
    prompt,
    ability: "general",
    reward_model: { style: "rule", ground_truth: groundTruth },
    extra_info: {
      split: example.split ?? "train",
      prompt_id: example.promptId ?? "",
      ...(options.verifierChecks ? { checks: JSON.stringify(example.prompt.verifierChecks ?? []) } : {}),
      ...(options.passRate ? { pass_rate: example.passRate ?? 0, n_samples: example.samples ?? 0 } : {}),
    },
  };
}

// ---------- Registry ----------

export type ExportFormatInfo = {
  name: ExportFormatName;
  kind: FormatKind;
  fileExtension: ".jsonl" | ".parquet";
  /** Which trainers load the file as it is. */
  trainers: readonly string[];
  /** Whether a `dataset_info.json` entry must be written beside the file (`datasetInfoJson`). */
  needsDatasetInfo: boolean;
  /** Whether the export may add a numeric `margin` column. */
  supportsMargin: boolean;
};

export const exportFormats = {
  "trl-messages": {
    name: "trl-messages",
    kind: "sft",
    fileExtension: ".jsonl",
    trainers: ["TRL SFTTrainer", "Axolotl (type: chat_template)", "veRL multi-turn SFT"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
  "trl-prompt-completion": {
    name: "trl-prompt-completion",
    kind: "sft",
    fileExtension: ".jsonl",
    trainers: ["TRL SFTTrainer"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
  "openai-chat": {
    name: "openai-chat",
    kind: "sft",
    fileExtension: ".jsonl",
    trainers: ["OpenAI supervised fine-tuning"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
  "llamafactory-sharegpt-sft": {
    name: "llamafactory-sharegpt-sft",
    kind: "sft",
    fileExtension: ".jsonl",
    trainers: ["LLaMA-Factory (stage: sft)"],
    needsDatasetInfo: true,
    supportsMargin: false,
  },
  "trl-preference": {
    name: "trl-preference",
    kind: "preference",
    fileExtension: ".jsonl",
    trainers: ["TRL DPOTrainer (also ORPO, CPO, RewardTrainer)", "OpenRLHF (--data.prompt_key prompt --data.apply_chat_template)"],
    needsDatasetInfo: false,
    supportsMargin: true,
  },
  "trl-preference-implicit": {
    name: "trl-preference-implicit",
    kind: "preference",
    fileExtension: ".jsonl",
    trainers: ["TRL RewardTrainer", "TRL DPOTrainer", "OpenRLHF (--data.apply_chat_template; default keys)"],
    needsDatasetInfo: false,
    supportsMargin: true,
  },
  "axolotl-prompt-pairs": {
    name: "axolotl-prompt-pairs",
    kind: "preference",
    fileExtension: ".jsonl",
    trainers: ["Axolotl (rl: dpo, type: chatml.prompt_pairs)"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
  "openai-preference": {
    name: "openai-preference",
    kind: "preference",
    fileExtension: ".jsonl",
    trainers: ["OpenAI preference fine-tuning (DPO)"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
  "llamafactory-ranking": {
    name: "llamafactory-ranking",
    kind: "preference",
    fileExtension: ".jsonl",
    trainers: ["LLaMA-Factory (stage: dpo, rm)"],
    needsDatasetInfo: true,
    supportsMargin: false,
  },
  kto: {
    name: "kto",
    kind: "unpaired",
    fileExtension: ".jsonl",
    trainers: ["TRL KTOTrainer", "TRL BCOTrainer"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
  "prompt-only": {
    name: "prompt-only",
    kind: "prompt-only",
    fileExtension: ".jsonl",
    trainers: ["TRL GRPOTrainer", "TRL RLOOTrainer", "TRL OnlineDPOTrainer"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
  "verl-parquet": {
    name: "verl-parquet",
    kind: "prompt-only",
    fileExtension: ".parquet",
    trainers: ["veRL GRPO / PPO (verl.trainer.main_ppo)"],
    needsDatasetInfo: false,
    supportsMargin: false,
  },
} as const satisfies { [F in ExportFormatName]: ExportFormatInfo & { name: F } };

export type FormatKindOf<F extends ExportFormatName> = (typeof exportFormats)[F]["kind"];
export type ExampleFor<F extends ExportFormatName> = ExampleByKind[FormatKindOf<F>];

type RecordWriters = { [F in ExportFormatName]: (example: ExampleFor<F>, options: RecordShapeOptions) => RecordByFormat[F] };

const recordWriters: RecordWriters = {
  "trl-messages": trlMessagesRecord,
  "trl-prompt-completion": trlPromptCompletionRecord,
  "openai-chat": openaiChatRecord,
  "llamafactory-sharegpt-sft": llamafactorySharegptSftRecord,
  "trl-preference": trlPreferenceRecord,
  "trl-preference-implicit": trlPreferenceImplicitRecord,
  "axolotl-prompt-pairs": axolotlPromptPairsRecord,
  "openai-preference": openaiPreferenceRecord,
  "llamafactory-ranking": llamafactoryRankingRecord,
  kto: ktoRecord,
  "prompt-only": promptOnlyRecord,
  "verl-parquet": verlRecord,
};

/**
 * Why `format` cannot write a row for this prompt under these options, or null when it can.
 * The export service counts these as skipped rows instead of catching `ExportRecordError`.
 */
export function recordProblem(format: ExportFormatName, prompt: ExportPrompt, options: RecordShapeOptions = {}): FormatProblem | null {
  const messages = withSystemMessage(prompt.messages, prompt.defaultSystemMessage);
  if (messages.at(-1)?.role !== "user") return "prompt-not-ending-on-user";
  if ((format === "llamafactory-sharegpt-sft" || format === "llamafactory-ranking") && !alternatesFromUser(messages)) return "non-alternating-turns";
  if (format === "axolotl-prompt-pairs" && messages.find((m) => m.role !== "system")?.role !== "user") return "non-alternating-turns";
  if ((format === "prompt-only" || format === "verl-parquet") && options.groundTruth === "require" && prompt.referenceAnswer === null) return "missing-reference-answer";
  return null;
}

/** Writes one record of any format; throws `ExportRecordError` when the example cannot be represented. */
export function writeRecord<F extends ExportFormatName>(format: F, example: ExampleFor<F>, options: RecordShapeOptions = {}): RecordByFormat[F] {
  const writer: RecordWriters[F] = recordWriters[format];
  return writer(example, options);
}

// ---------- Files beside the data ----------

export type LlamaFactoryDatasetInfo = Record<
  string,
  | {
      file_name: string;
      formatting: "sharegpt";
      columns: { messages: "messages" };
      tags: { role_tag: "role"; content_tag: "content"; user_tag: "user"; assistant_tag: "assistant"; system_tag: "system" };
    }
  | {
      file_name: string;
      formatting: "sharegpt";
      ranking: true;
      columns: { messages: "conversations"; chosen: "chosen"; rejected: "rejected" };
    }
>;

/**
 * The `dataset_info.json` entry that registers a LLaMA-Factory file under `name` (merge entries of
 * several files into one object before writing it). The ranking entry relies on LLaMA-Factory's
 * default ShareGPT tags (from/value, human/gpt, system_tag "system"), as the spec writes it.
 */
export function datasetInfoJson(format: LlamaFactoryFormatName, name: string, fileName: string): LlamaFactoryDatasetInfo {
  if (format === "llamafactory-sharegpt-sft") {
    return {
      [name]: {
        file_name: fileName,
        formatting: "sharegpt",
        columns: { messages: "messages" },
        tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant", system_tag: "system" },
      },
    };
  }
  return {
    [name]: {
      file_name: fileName,
      formatting: "sharegpt",
      ranking: true,
      columns: { messages: "conversations", chosen: "chosen", rejected: "rejected" },
    },
  };
}

export type DatasetCardInput = {
  configName: string;
  splits: readonly { name: string; path: string }[];
  tags: readonly string[];
  /** Markdown after the YAML header. */
  body?: string;
};

// YAML 1.1 and 1.2 read these plain scalars as booleans, nulls or numbers; a config, split, path or tag must stay a string.
const YAML_NON_STRING = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|nan)|0x[0-9a-f]+|0o[0-7]+)$/i;
const YAML_PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

/** A scalar safe both in block context and inside a flow sequence `[a, b]`; quoted as a JSON string (valid YAML) when needed. */
function yamlScalar(value: string): string {
  return YAML_PLAIN_SAFE.test(value) && !YAML_NON_STRING.test(value) ? value : JSON.stringify(value);
}

/**
 * The Hugging Face dataset card (README.md) whose YAML header maps files to a config and its splits,
 * so that `load_dataset(folder)` and a Hub upload work without arguments. No `dataset_info.features`:
 * the Hub would cast the data to it, and a wrong one breaks loading.
 */
export function datasetCard(input: DatasetCardInput): string {
  if (input.splits.length === 0) throw new RangeError("a dataset card needs at least one split");
  const lines = ["---", "configs:", `- config_name: ${yamlScalar(input.configName)}`, "  data_files:"];
  for (const split of input.splits) lines.push(`  - split: ${yamlScalar(split.name)}`, `    path: ${yamlScalar(split.path)}`);
  lines.push(`tags: [${input.tags.map(yamlScalar).join(", ")}]`, "---", "");
  const header = lines.join("\n");
  return input.body === undefined ? header : `${header}\n${input.body.endsWith("\n") ? input.body : `${input.body}\n`}`;
}
