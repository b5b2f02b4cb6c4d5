import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import trainerKeys from "@/tests/support/trainer-keys.json" with { type: "json" };
import { datasetCardBody, ktoWeights, type CardInput } from "./dataset-card";
import { exportSettingsSchema } from "./settings";
import { exportFormatNames, type ExportFormatName } from "./types";

/**
 * The card's commands, checked: every fenced bash block's flags belong to the trainer it calls, every
 * YAML block parses and uses only keys the trainer's config accepts. The known flags and keys were read
 * from the trainers' sources (tests/support/trainer-keys.json names repository, commit and files).
 */

const splits = [
  { name: "train" as const, path: "dpo/train.jsonl" },
  { name: "test" as const, path: "dpo/test.jsonl" },
];

function card(format: ExportFormatName, overrides: Record<string, unknown> = {}, result: Partial<CardInput["result"]> = {}): string {
  const settings = exportSettingsSchema.parse({ format, filters: { promptSetIds: ["6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a"] }, ...overrides });
  return datasetCardBody({
    name: "identity",
    settings,
    snapshotAt: new Date("2026-11-30T09:00:00Z"),
    splits,
    result: {
      rows: 30,
      rowsWithoutSystem: 0,
      rowsMultiTurn: 4,
      desirable: { train: 10, test: 2, validation: 0 },
      splits: { train: { prompts: 20, rows: 25 }, test: { prompts: 4, rows: 5 }, validation: { prompts: 0, rows: 0 } },
      rowsByJudgmentSource: { HUMAN: 30 },
      sources: { human: 30, verifier: 0, "model-judge": 0 },
      ...result,
    },
  });
}

const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)\\n```", "g"))].map((m) => m[1]!);
const flagsOf = (command: string) => [...command.matchAll(/(?:^|\s)(--[A-Za-z0-9_.]+)/g)].map((m) => m[1]!);
const trlFlags = new Set(Object.values(trainerKeys.trl.flags).flat());

function checkBash(command: string): string {
  const flags = flagsOf(command);
  const trl = /python trl\/scripts\/(sft|dpo|kto|reward|grpo)\.py/.exec(command);
  if (trl) {
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) expect(trlFlags.has(flag), `TRL ${trl[1]}: ${flag}`).toBe(true);
    return "trl";
  }
  const openrlhf = /openrlhf\.cli\.train_(dpo|rm|sft)/.exec(command);
  if (openrlhf) {
    const known = new Set(trainerKeys.openrlhf.flags[openrlhf[1] as "dpo" | "rm" | "sft"]);
    // `deepspeed --module` is the launcher's own flag: the trainer's flags follow the module name.
    for (const flag of flagsOf(command.slice(openrlhf.index))) expect(known.has(flag), `OpenRLHF train_${openrlhf[1]}: ${flag}`).toBe(true);
    return "openrlhf";
  }
  if (command.startsWith("python3 -m verl.trainer.main_ppo")) {
    const overrides = [...command.matchAll(/(?:^|\s)([a-z_][a-z0-9_.]*)=/g)].map((m) => m[1]!);
    expect(overrides.length).toBeGreaterThan(0);
    for (const key of overrides) expect(trainerKeys.verl.overrides, `veRL override ${key}`).toContain(key);
    return "verl";
  }
  throw new Error(`a bash block calls no known trainer: ${command}`);
}

function checkYaml(text: string): string {
  const config = load(text) as Record<string, unknown>;
  if ("stage" in config) {
    for (const key of Object.keys(config)) expect(trainerKeys.llamafactory.yamlKeys, `LLaMA-Factory yaml key ${key}`).toContain(key);
    return "llamafactory";
  }
  for (const key of Object.keys(config)) expect(trainerKeys.axolotl.configKeys, `Axolotl key ${key}`).toContain(key);
  for (const dataset of config.datasets as Record<string, unknown>[]) {
    for (const key of Object.keys(dataset)) expect(trainerKeys.axolotl.datasetKeys, `Axolotl dataset key ${key}`).toContain(key);
  }
  return "axolotl";
}

describe("dataset card: trainer commands", () => {
  for (const format of exportFormatNames) {
    it(`${format}: every command and config block uses flags and keys its trainer accepts`, () => {
      const text = card(format, format === "prompt-only" || format === "verl-parquet" ? { policy: { groundTruth: "require" } } : {});
      const checked = [...blocks(text, "bash").map(checkBash), ...blocks(text, "yaml").map(checkYaml)];
      const expected: Partial<Record<ExportFormatName, string[]>> = {
        "trl-messages": ["trl", "axolotl"],
        "trl-prompt-completion": ["trl"],
        "llamafactory-sharegpt-sft": ["llamafactory"],
        "trl-preference": ["trl", "openrlhf", "openrlhf"],
        "trl-preference-implicit": ["trl", "openrlhf"],
        "axolotl-prompt-pairs": ["axolotl"],
        "llamafactory-ranking": ["llamafactory"],
        kto: ["trl"],
        "prompt-only": ["trl"],
        "verl-parquet": ["verl"],
      };
      expect(checked).toEqual(expected[format] ?? []);
    });
  }

  it("trl-preference tells OpenRLHF the prompt key (the old card's --data.apply_chat_template alone dropped the prompt)", () => {
    const text = card("trl-preference");
    for (const command of blocks(text, "bash").filter((c) => c.includes("openrlhf"))) {
      expect(flagsOf(command)).toEqual(expect.arrayContaining(["--data.prompt_key", "--data.chosen_key", "--data.rejected_key", "--data.apply_chat_template"]));
      expect(command).toContain("--data.prompt_key prompt");
    }
    expect(blocks(card("trl-preference-implicit"), "bash").find((c) => c.includes("openrlhf"))).not.toContain("prompt_key");
  });

  it("multi-turn SFT rows: LLaMA-Factory's yaml sets mask_history, and the card names the flags that train only the judged turn", () => {
    const yaml = load(blocks(card("llamafactory-sharegpt-sft"), "yaml")[0]!) as Record<string, unknown>;
    expect(yaml.mask_history).toBe(true);
    expect(card("trl-messages")).toContain("`mask_history: true`");
    expect(card("trl-messages")).toContain("`trl-prompt-completion`");
    const singleTurn = card("llamafactory-sharegpt-sft", {}, { rowsMultiTurn: 0 });
    expect((load(blocks(singleTurn, "yaml")[0]!) as Record<string, unknown>).mask_history).toBeUndefined();
  });

  it("warns with the template defaults when rows lack a system message, and states the policy", () => {
    const text = card("trl-preference", { records: { systemMessage: { mode: "keep" } } }, { rowsWithoutSystem: 7 });
    expect(text).toContain("Policy `keep`");
    expect(text).toContain("**7 of 30 rows have no system message.**");
    expect(text).toContain('"You are Qwen, created by Alibaba Cloud. You are a helpful assistant."');
    expect(card("trl-preference")).not.toContain("rows have no system message");
  });

  it("says where the records' verdicts come from, and that verifier pairs are not people's", () => {
    const human = card("trl-preference");
    expect(human).toContain("Records by the source of their verdict: human judgments 30, verifiers 0, model judges 0.");
    expect(human).not.toContain("not from people");
    const verified = card("trl-preference", { policy: { source: "verifier" } }, { sources: { human: 0, verifier: 30, "model-judge": 0 } });
    expect(verified).toContain("Records by the source of their verdict: human judgments 0, verifiers 30, model judges 0. Pairs, targets and labels come from the verifiers' pass / fail outcomes");
  });

  it("prompt-only: the reward function signature names the chosen reference column", () => {
    const solution = card("prompt-only", { policy: { groundTruth: "require" }, records: { referenceColumn: "solution" } });
    expect(solution).toContain("def accuracy_reward(completions: list[list[dict[str, str]]], solution: list[str], **kwargs)");
    expect(solution).toContain("--reward_funcs accuracy_reward");
    expect(card("prompt-only", { policy: { groundTruth: "require" } })).toContain("ground_truth: list[str], **kwargs");
  });
});

describe("ktoWeights: TRL's KTOTrainer bounds", () => {
  // kto_trainer.py: des in [round(u/d,2), round(u/d*1.33,2)], und in [round(d/u/1.33,2), round(d/u,2)].
  it("reproduces the bounds TRL prints for 10 desirable and 15 undesirable rows, and advises a weight inside them", () => {
    const w = ktoWeights(10, 15);
    expect(w.desirableRange).toEqual([1.5, 2]); // 15/10 = 1.5; 1.5 * 1.33 = 1.995 -> 2.0
    expect(w.undesirableRange).toEqual([0.5, 0.67]); // 10/15/1.33 = 0.5013 -> 0.5; 10/15 = 0.667 -> 0.67
    expect(w.desirableWeight).toBe(1.75);
    // TRL's own acceptance: (desirable_weight * d) / (undesirable_weight * u) in [1, 4/3] up to its rounding.
    const ratio = (w.desirableWeight * 10) / (w.undesirableWeight * 15);
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThanOrEqual(1.33);
  });

  it("advises 1.0 when balanced and treats an empty side as 1 row, as TRL does", () => {
    expect(ktoWeights(8, 8).desirableWeight).toBe(1);
    expect(ktoWeights(0, 3).desirable).toBe(1);
    expect(ktoWeights(40, 10).desirableRange).toEqual([0.25, 0.33]);
  });

  it("the KTO card gives the counts and passes the advised weight on the command line", () => {
    const text = card("kto");
    expect(text).toContain("Train split: 10 desirable (`label: true`) and 15 undesirable rows.");
    expect(blocks(text, "bash")[0]).toContain("--desirable_weight 1.75 \\\n    --undesirable_weight 1");
  });
});

describe("dataset card: veRL", () => {
  it("names the parquet files, the prompt key and the custom reward function with its signature", () => {
    const text = datasetCardBody({
      name: "math",
      settings: exportSettingsSchema.parse({ format: "verl-parquet", filters: { promptSetIds: ["6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a"] }, policy: { groundTruth: "require" } }),
      snapshotAt: new Date("2026-11-30T09:00:00Z"),
      splits: [
        { name: "train", path: "prompts/train.parquet" },
        { name: "test", path: "prompts/test.parquet" },
      ],
      result: { rows: 3, rowsWithoutSystem: 0, rowsMultiTurn: 0, rowsByJudgmentSource: { none: 3 }, sources: { human: 3, verifier: 0, "model-judge": 0 }, desirable: { train: 0, test: 0, validation: 0 }, splits: { train: { prompts: 2, rows: 2 }, test: { prompts: 1, rows: 1 }, validation: { prompts: 0, rows: 0 } } },
    });
    const command = blocks(text, "bash")[0]!;
    expect(command).toContain("data.train_files=./export/prompts/train.parquet");
    expect(command).toContain("data.val_files=./export/prompts/test.parquet");
    expect(blocks(text, "python")[0]).toContain("def compute_score(data_source: str, solution_str: str, ground_truth: str | None, extra_info: dict | None = None, **kwargs) -> float:");
  });
});
