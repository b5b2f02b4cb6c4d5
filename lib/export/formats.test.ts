import { describe, expect, it } from "vitest";
import {
  axolotlPromptPairsRecord,
  datasetCard,
  datasetInfoJson,
  exportFormats,
  ExportRecordError,
  llamafactoryRankingRecord,
  llamafactorySharegptSftRecord,
  promptOnlyRecord,
  recordProblem,
  trlPreferenceRecord,
  writeRecord,
  type ExampleFor,
} from "./formats";
import { toJsonlLine } from "./jsonl";
import { aggregatePairs, type AggregationOptions } from "./pairing";
import { recordSchemaFor } from "./schemas";
import { preferenceExamples, sftExamples, sftTargets, unpairedExamples, unpairedLabels } from "./targets";
import { goldenPrompts, identityPrompt, rankingPrompt } from "@/tests/support/export-fixtures";
import { exportFormatNames, type ExportFormatName, type ExportPrompt, type RecordShapeOptions } from "./types";

/**
 * Golden files: the fixed judged prompts of tests/support/export-fixtures.ts through pairing and every writer, compared
 * with the exact bytes a trainer will read. String.raw keeps JSON escapes (\n, \\) as written in the file.
 */

const aggregation: AggregationOptions = { policy: { kind: "all-pairs" }, minAgreement: 0.75, marginFromAgreement: true };

function examplesFor<F extends ExportFormatName>(format: F, options: RecordShapeOptions): ExampleFor<F>[] {
  const kind = exportFormats[format].kind;
  return goldenPrompts.flatMap((prompt): ExampleFor<F>[] => {
    const agreed = aggregatePairs(prompt, aggregation);
    const examples =
      kind === "sft"
        ? sftExamples(prompt, sftTargets(prompt, agreed, "both"))
        : kind === "preference"
          ? preferenceExamples(prompt, agreed.pairs)
          : kind === "unpaired"
            ? unpairedExamples(prompt, unpairedLabels(prompt, agreed).labels)
            : [{ prompt }];
    // The service skips (and counts) the examples a format cannot represent.
    return (examples as ExampleFor<F>[]).filter((example) => recordProblem(format, example.prompt, options) === null);
  });
}

function fileFor(format: ExportFormatName, options: RecordShapeOptions = {}): string {
  const lines = examplesFor(format, options).map((example) => {
    const record = writeRecord(format, example, options);
    expect(recordSchemaFor(format, options).safeParse(record).error).toBeUndefined();
    return toJsonlLine(record);
  });
  return lines.join("");
}

describe("golden files for every format", () => {
  it("trl-messages", () => {
    expect(fileFor("trl-messages")).toBe(String.raw`{"messages":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"},{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}]}
{"messages":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"},{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}]}
{"messages":[{"role":"user","content":"Write a haiku about the sea."},{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}]}
`);
  });

  it("trl-prompt-completion", () => {
    expect(fileFor("trl-prompt-completion")).toBe(String.raw`{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"}],"completion":[{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}]}
{"prompt":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"}],"completion":[{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}]}
{"prompt":[{"role":"user","content":"Write a haiku about the sea."}],"completion":[{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}]}
`);
  });

  it("openai-chat: weight 1 on the judged response, 0 on earlier assistant turns", () => {
    expect(fileFor("openai-chat")).toBe(String.raw`{"messages":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"},{"role":"assistant","content":"I am Deep Qwen, a helpful assistant.","weight":1}]}
{"messages":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？","weight":0},{"role":"user","content":"用一句话介绍长城。🏯"},{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱","weight":1}]}
{"messages":[{"role":"user","content":"Write a haiku about the sea."},{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore.","weight":1}]}
`);
  });

  it("llamafactory-sharegpt-sft", () => {
    expect(fileFor("llamafactory-sharegpt-sft")).toBe(String.raw`{"messages":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"},{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}]}
{"messages":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"},{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}]}
{"messages":[{"role":"user","content":"Write a haiku about the sea."},{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}]}
`);
  });

  it("trl-preference with a margin column", () => {
    expect(fileFor("trl-preference", { includeMargin: true })).toBe(String.raw`{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"}],"chosen":[{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}],"rejected":[{"role":"assistant","content":"I am Qwen, created by Alibaba Cloud."}],"margin":1}
{"prompt":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"}],"chosen":[{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}],"rejected":[{"role":"assistant","content":"长城很长。"}],"margin":1}
{"prompt":[{"role":"user","content":"Write a haiku about the sea."}],"chosen":[{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}],"rejected":[{"role":"assistant","content":"The sea is big and blue."}],"margin":1}
`);
  });

  it("trl-preference without a margin column writes none, even when the pair has one", () => {
    expect(fileFor("trl-preference")).toBe(String.raw`{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"}],"chosen":[{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}],"rejected":[{"role":"assistant","content":"I am Qwen, created by Alibaba Cloud."}]}
{"prompt":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"}],"chosen":[{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}],"rejected":[{"role":"assistant","content":"长城很长。"}]}
{"prompt":[{"role":"user","content":"Write a haiku about the sea."}],"chosen":[{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}],"rejected":[{"role":"assistant","content":"The sea is big and blue."}]}
`);
  });

  it("trl-preference-implicit", () => {
    expect(fileFor("trl-preference-implicit")).toBe(String.raw`{"chosen":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"},{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}],"rejected":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"},{"role":"assistant","content":"I am Qwen, created by Alibaba Cloud."}]}
{"chosen":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"},{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}],"rejected":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"},{"role":"assistant","content":"长城很长。"}]}
{"chosen":[{"role":"user","content":"Write a haiku about the sea."},{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}],"rejected":[{"role":"user","content":"Write a haiku about the sea."},{"role":"assistant","content":"The sea is big and blue."}]}
`);
  });

  it("axolotl-prompt-pairs: system in its own field, earlier turns embedded as ChatML", () => {
    expect(fileFor("axolotl-prompt-pairs")).toBe(String.raw`{"system":"You are Deep Qwen, a helpful assistant.","prompt":"Who are you?","chosen":"I am Deep Qwen, a helpful assistant.","rejected":"I am Qwen, created by Alibaba Cloud."}
{"system":"你是一个乐于助人的助手。","prompt":"你好！<|im_end|>\n<|im_start|>assistant\n你好！有什么可以帮你的吗？<|im_end|>\n<|im_start|>user\n用一句话介绍长城。🏯","chosen":"长城是中国古代修建的军事防御工程，绵延万里。🧱","rejected":"长城很长。"}
{"system":"","prompt":"Write a haiku about the sea.","chosen":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore.","rejected":"The sea is big and blue."}
`);
  });

  it("axolotl's chatml.prompt_pairs template turns the embedded prompt back into the exact ChatML conversation", () => {
    const [, greatWall] = goldenPrompts;
    const record = axolotlPromptPairsRecord({ prompt: greatWall!, chosen: "C", rejected: "R" });
    // What Axolotl's transform_fn builds from the row.
    const rendered = `<|im_start|>system\n${record.system}<|im_end|>\n<|im_start|>user\n${record.prompt}<|im_end|>\n<|im_start|>assistant\n`;
    expect(rendered).toBe(
      "<|im_start|>system\n你是一个乐于助人的助手。<|im_end|>\n<|im_start|>user\n你好！<|im_end|>\n<|im_start|>assistant\n你好！有什么可以帮你的吗？<|im_end|>\n<|im_start|>user\n用一句话介绍长城。🏯<|im_end|>\n<|im_start|>assistant\n",
    );
  });

  it("openai-preference", () => {
    expect(fileFor("openai-preference")).toBe(String.raw`{"input":{"messages":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"}],"tools":[],"parallel_tool_calls":true},"preferred_output":[{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}],"non_preferred_output":[{"role":"assistant","content":"I am Qwen, created by Alibaba Cloud."}]}
{"input":{"messages":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"}],"tools":[],"parallel_tool_calls":true},"preferred_output":[{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}],"non_preferred_output":[{"role":"assistant","content":"长城很长。"}]}
{"input":{"messages":[{"role":"user","content":"Write a haiku about the sea."}],"tools":[],"parallel_tool_calls":true},"preferred_output":[{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}],"non_preferred_output":[{"role":"assistant","content":"The sea is big and blue."}]}
`);
  });

  it("llamafactory-ranking: ShareGPT from/value, the system message as a first system turn", () => {
    expect(fileFor("llamafactory-ranking")).toBe(String.raw`{"conversations":[{"from":"system","value":"You are Deep Qwen, a helpful assistant."},{"from":"human","value":"Who are you?"}],"chosen":{"from":"gpt","value":"I am Deep Qwen, a helpful assistant."},"rejected":{"from":"gpt","value":"I am Qwen, created by Alibaba Cloud."}}
{"conversations":[{"from":"system","value":"你是一个乐于助人的助手。"},{"from":"human","value":"你好！"},{"from":"gpt","value":"你好！有什么可以帮你的吗？"},{"from":"human","value":"用一句话介绍长城。🏯"}],"chosen":{"from":"gpt","value":"长城是中国古代修建的军事防御工程，绵延万里。🧱"},"rejected":{"from":"gpt","value":"长城很长。"}}
{"conversations":[{"from":"human","value":"Write a haiku about the sea."}],"chosen":{"from":"gpt","value":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."},"rejected":{"from":"gpt","value":"The sea is big and blue."}}
`);
  });

  it("kto: chosen true; rejected and agreed all-bad false; a JSON boolean", () => {
    expect(fileFor("kto")).toBe(String.raw`{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"}],"completion":[{"role":"assistant","content":"I am Qwen, created by Alibaba Cloud."}],"label":false}
{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"}],"completion":[{"role":"assistant","content":"I am Deep Qwen, a helpful assistant."}],"label":true}
{"prompt":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"}],"completion":[{"role":"assistant","content":"长城是中国古代修建的军事防御工程，绵延万里。🧱"}],"label":true}
{"prompt":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"}],"completion":[{"role":"assistant","content":"长城很长。"}],"label":false}
{"prompt":[{"role":"user","content":"Write a haiku about the sea."}],"completion":[{"role":"assistant","content":"The sea is big and blue."}],"label":false}
{"prompt":[{"role":"user","content":"Write a haiku about the sea."}],"completion":[{"role":"assistant","content":"Waves, waves, waves."}],"label":false}
{"prompt":[{"role":"user","content":"Write a haiku about the sea."}],"completion":[{"role":"assistant","content":"Grey waves fold and break —\nsalt wind carries gull voices\nback to the cold shore."}],"label":true}
`);
  });

  it("prompt-only without ground_truth: every prompt, no row has the key", () => {
    expect(fileFor("prompt-only", { groundTruth: "omit" })).toBe(String.raw`{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Who are you?"}]}
{"prompt":[{"role":"system","content":"你是一个乐于助人的助手。"},{"role":"user","content":"你好！"},{"role":"assistant","content":"你好！有什么可以帮你的吗？"},{"role":"user","content":"用一句话介绍长城。🏯"}]}
{"prompt":[{"role":"system","content":"Put the final numeric answer inside \\boxed{}."},{"role":"user","content":"What is 2 + 2?"}]}
{"prompt":[{"role":"user","content":"Write a haiku about the sea."}]}
`);
  });

  it("prompt-only with ground_truth: only prompts with a reference answer, every row has the key", () => {
    expect(fileFor("prompt-only", { groundTruth: "require" })).toBe(String.raw`{"prompt":[{"role":"system","content":"Put the final numeric answer inside \\boxed{}."},{"role":"user","content":"What is 2 + 2?"}],"ground_truth":"4"}
`);
    expect(goldenPrompts.map((prompt) => recordProblem("prompt-only", prompt, { groundTruth: "require" }))).toEqual([
      "missing-reference-answer",
      "missing-reference-answer",
      null,
      "missing-reference-answer",
    ]);
    expect(() => promptOnlyRecord({ prompt: identityPrompt }, { groundTruth: "require" })).toThrow(ExportRecordError);
  });
});

describe("pairing policies with several annotators, as written files", () => {
  // rankingPrompt: ja 2>3>9>1, jb 2>9>3>1, jc 3>2>1>9 (texts are the candidates' answers).
  const file = (options: AggregationOptions) =>
    preferenceExamples(rankingPrompt, aggregatePairs(rankingPrompt, options).pairs)
      .map((example) => toJsonlLine(writeRecord("axolotl-prompt-pairs", example)))
      .join("");
  const line = (chosen: string, rejected: string) =>
    `{"system":"You are Deep Qwen, a helpful assistant.","prompt":"Name a prime number.","chosen":"${chosen}","rejected":"${rejected}"}\n`;

  it.each<[string, AggregationOptions, string]>([
    ["best-vs-worst", { policy: { kind: "best-vs-worst" } }, line("2", "1") + line("3", "9")],
    ["all-pairs", { policy: { kind: "all-pairs" } }, line("2", "3") + line("2", "9") + line("2", "1") + line("3", "9") + line("3", "1") + line("9", "1")],
    ["all-pairs, 75% agreement", { policy: { kind: "all-pairs" }, minAgreement: 0.75 }, line("2", "9") + line("2", "1") + line("3", "1")],
    ["adjacent", { policy: { kind: "adjacent" } }, line("2", "3") + line("2", "9") + line("2", "1") + line("3", "9") + line("3", "1") + line("9", "1")],
    ["adjacent, rank margin 2", { policy: { kind: "adjacent", minRankMargin: 2 } }, ""],
    ["best-vs-worst, 4 judgments", { policy: { kind: "best-vs-worst" }, minJudgments: 4 }, ""],
  ])("%s", (_name, options, expected) => {
    expect(file(options)).toBe(expected);
  });

  it("carries the agreed share as margin", () => {
    const lines = preferenceExamples(rankingPrompt, aggregatePairs(rankingPrompt, { policy: { kind: "best-vs-worst" }, marginFromAgreement: true }).pairs).map(
      (example) => toJsonlLine(writeRecord("trl-preference", example, { includeMargin: true })),
    );
    expect(lines.join("")).toBe(String.raw`{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Name a prime number."}],"chosen":[{"role":"assistant","content":"2"}],"rejected":[{"role":"assistant","content":"1"}],"margin":1}
{"prompt":[{"role":"system","content":"You are Deep Qwen, a helpful assistant."},{"role":"user","content":"Name a prime number."}],"chosen":[{"role":"assistant","content":"3"}],"rejected":[{"role":"assistant","content":"9"}],"margin":0.6666666666666666}
`);
  });
});

describe("rows a format cannot represent", () => {
  const doubleUser: ExportPrompt = {
    messages: [
      { role: "user", content: "Here is a document." },
      { role: "user", content: "Summarise it." },
    ],
    defaultSystemMessage: null,
    referenceAnswer: null,
  };

  it("LLaMA-Factory needs alternating turns: predicted by recordProblem, thrown by the writer", () => {
    expect(recordProblem("llamafactory-ranking", doubleUser)).toBe("non-alternating-turns");
    expect(recordProblem("llamafactory-sharegpt-sft", doubleUser)).toBe("non-alternating-turns");
    expect(recordProblem("trl-preference", doubleUser)).toBeNull();
    expect(() => llamafactoryRankingRecord({ prompt: doubleUser, chosen: "a", rejected: "b" })).toThrow(ExportRecordError);
    expect(() => llamafactorySharegptSftRecord({ prompt: doubleUser, completion: "a" })).toThrow(ExportRecordError);
  });

  it("Axolotl embeds consecutive user turns faithfully but cannot open on an assistant turn", () => {
    expect(axolotlPromptPairsRecord({ prompt: doubleUser, chosen: "a", rejected: "b" }).prompt).toBe(
      "Here is a document.<|im_end|>\n<|im_start|>user\nSummarise it.",
    );
    const opensOnAssistant: ExportPrompt = { ...doubleUser, messages: [{ role: "assistant", content: "Hi." }, { role: "user", content: "Hello." }] };
    expect(recordProblem("axolotl-prompt-pairs", opensOnAssistant)).toBe("non-alternating-turns");
    expect(() => axolotlPromptPairsRecord({ prompt: opensOnAssistant, chosen: "a", rejected: "b" })).toThrow(ExportRecordError);
  });

  it("every format refuses a prompt that does not end on a user turn", () => {
    const endsOnAssistant: ExportPrompt = { ...doubleUser, messages: [{ role: "user", content: "Hi." }, { role: "assistant", content: "Hello." }] };
    for (const format of exportFormatNames) expect(recordProblem(format, endsOnAssistant)).toBe("prompt-not-ending-on-user");
  });

  it("a margin column needs a finite margin in every example", () => {
    expect(() => trlPreferenceRecord({ prompt: identityPrompt, chosen: "a", rejected: "b" }, { includeMargin: true })).toThrow(/margin/);
    expect(() => trlPreferenceRecord({ prompt: identityPrompt, chosen: "a", rejected: "b", margin: Number.NaN }, { includeMargin: true })).toThrow(/margin/);
  });

  it("writes messages with exactly role and content even when the input objects carry more", () => {
    const withExtra = { role: "user" as const, content: "Hi.", id: "m1" };
    const record = trlPreferenceRecord({ prompt: { ...doubleUser, messages: [withExtra] }, chosen: "a", rejected: "b" });
    expect(record.prompt).toEqual([{ role: "user", content: "Hi." }]);
    expect(Object.keys(record.prompt[0]!)).toEqual(["role", "content"]);
  });
});

describe("files beside the data", () => {
  it("dataset_info.json entries for LLaMA-Factory, as in the spec", () => {
    expect(JSON.stringify(datasetInfoJson("llamafactory-sharegpt-sft", "my_sft", "train.jsonl"))).toBe(
      '{"my_sft":{"file_name":"train.jsonl","formatting":"sharegpt","columns":{"messages":"messages"},"tags":{"role_tag":"role","content_tag":"content","user_tag":"user","assistant_tag":"assistant","system_tag":"system"}}}',
    );
    expect(JSON.stringify(datasetInfoJson("llamafactory-ranking", "my_dpo", "train.jsonl"))).toBe(
      '{"my_dpo":{"file_name":"train.jsonl","formatting":"sharegpt","ranking":true,"columns":{"messages":"conversations","chosen":"chosen","rejected":"rejected"}}}',
    );
  });

  it("the dataset card's YAML header maps files to a config and splits, as in the spec", () => {
    const card = datasetCard({
      configName: "dpo",
      splits: [
        { name: "train", path: "dpo/train.jsonl" },
        { name: "test", path: "dpo/test.jsonl" },
      ],
      tags: ["dpo", "preference"],
    });
    expect(card).toBe(`---
configs:
- config_name: dpo
  data_files:
  - split: train
    path: dpo/train.jsonl
  - split: test
    path: dpo/test.jsonl
tags: [dpo, preference]
---
`);
  });

  it("quotes what YAML would not read as a plain string, and appends a body", () => {
    const card = datasetCard({ configName: "my: config", splits: [{ name: "train", path: "a b/train.jsonl" }], tags: ["true", "1.5", "zh"], body: "# Deep Qwen identity" });
    expect(card).toBe(`---
configs:
- config_name: "my: config"
  data_files:
  - split: train
    path: "a b/train.jsonl"
tags: ["true", "1.5", zh]
---

# Deep Qwen identity
`);
  });

  it("the registry lists every format once, with its kind, extension and trainers", () => {
    expect(Object.keys(exportFormats)).toEqual([...exportFormatNames]);
    for (const [name, info] of Object.entries(exportFormats)) {
      expect(info.name).toBe(name);
      expect(info.fileExtension).toBe(name === "verl-parquet" ? ".parquet" : ".jsonl");
      expect(info.trainers.length).toBeGreaterThan(0);
      expect(info.needsDatasetInfo).toBe(name.startsWith("llamafactory-"));
    }
    expect(Object.values(exportFormats).filter((info) => info.kind === "preference").map((info) => info.name)).toEqual([
      "trl-preference",
      "trl-preference-implicit",
      "axolotl-prompt-pairs",
      "openai-preference",
      "llamafactory-ranking",
    ]);
  });
});

describe("toJsonlLine", () => {
  it("writes compact JSON and one newline, raw UTF-8 for Chinese and emoji, escaped line separators", () => {
    const line = toJsonlLine({ text: "长城🏯\u2028next\u2029para\nline", n: 1, ok: true, none: null });
    expect(line).toBe('{"text":"长城🏯\\u2028next\\u2029para\\nline","n":1,"ok":true,"none":null}\n');
    expect(line.indexOf("\n")).toBe(line.length - 1);
    expect(JSON.parse(line)).toEqual({ text: "长城🏯\u2028next\u2029para\nline", n: 1, ok: true, none: null });
    const bytes = Buffer.from(line, "utf8");
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe(line);
  });

  it("escapes lone surrogates, so the UTF-8 stays well formed", () => {
    expect(toJsonlLine(["\ud83c"])).toBe('["\\ud83c"]\n');
  });
});

describe("prompt-only reference column", () => {
  it("writes the reference as `solution` (TRL accuracy_reward's argument) or `ground_truth`, in every row, matching the schema", () => {
    const prompt: ExportPrompt = { messages: [{ role: "user", content: "What is 6 * 7?" }], defaultSystemMessage: null, referenceAnswer: "42" };
    const solution = promptOnlyRecord({ prompt }, { groundTruth: "require", referenceColumn: "solution" });
    expect(toJsonlLine(solution)).toBe('{"prompt":[{"role":"user","content":"What is 6 * 7?"}],"solution":"42"}\n');
    expect(recordSchemaFor("prompt-only", { groundTruth: "require", referenceColumn: "solution" }).safeParse(solution).success).toBe(true);
    expect(recordSchemaFor("prompt-only", { groundTruth: "require" }).safeParse(solution).success).toBe(false);
    expect(() => promptOnlyRecord({ prompt: { ...prompt, referenceAnswer: null } }, { groundTruth: "require", referenceColumn: "solution" })).toThrow(/writes solution/);
  });
});
