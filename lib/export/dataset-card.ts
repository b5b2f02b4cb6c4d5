import { translatorFor } from "../i18n/translate";
import { exportFormats } from "./formats";
import type { ExportTallyResult, RecordSource } from "./pipeline";
import type { ExportSettings } from "./settings";
import type { SplitName } from "./split";
import { templateDefaultSystem } from "./system-policy";
import type { ExportFormatName } from "./types";

/**
 * The dataset card's body (after the YAML header): what the files are, how each named trainer is told
 * to load them, with the exact flags and config keys (checked against the trainers' sources by
 * dataset-card.test.ts and tests/support/trainer-keys.json), what the system-message policy did, how
 * multi-turn rows train only the judged turn, the KTO weights TRL advises, and the reward function's
 * signature for prompt-only files.
 */

export type CardInput = {
  name: string;
  settings: ExportSettings;
  result: Pick<ExportTallyResult, "rows" | "rowsWithoutSystem" | "rowsMultiTurn" | "desirable" | "splits" | "rowsByJudgmentSource" | "sources">;
  snapshotAt: Date;
  splits: readonly { name: SplitName; path: string }[];
  /** The data files' extension: ".jsonl", or ".parquet" for veRL. */
};

const MODEL = "Qwen/Qwen2.5-0.5B-Instruct";

/**
 * TRL's KTOTrainer check (trl/trainer/kto_trainer.py): with d desirable and u undesirable train rows
 * (each at least 1) it warns unless desirable_weight is in [round(u*uw/d, 2), round(u*uw/d*1.33, 2)] or
 * undesirable_weight in [round(d*dw/u/1.33, 2), round(d*dw/u, 2)]. With the other weight at 1.0, the
 * advice is the middle of the first range, rounded (or 1.0 each when balanced).
 */
export function ktoWeights(desirable: number, undesirable: number) {
  const d = Math.max(desirable, 1);
  const u = Math.max(undesirable, 1);
  const round = (x: number) => Math.round(x * 100) / 100;
  const desirableRange = [round(u / d), round((u / d) * 1.33)] as const;
  const undesirableRange = [round(d / u / 1.33), round(d / u)] as const;
  const balanced = d === u;
  const desirableWeight = balanced ? 1 : round((desirableRange[0] + desirableRange[1]) / 2);
  return { desirable: d, undesirable: u, desirableRange, undesirableRange, desirableWeight, undesirableWeight: 1 };
}

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body.trimEnd()}\n\`\`\``;

function trlCommand(script: "sft" | "dpo" | "kto" | "reward" | "grpo", config: string, extra: string[] = []): string {
  return fence(
    "bash",
    [`python trl/scripts/${script}.py`, `--model_name_or_path ${MODEL}`, "--dataset_name ./export", `--dataset_config ${config}`, ...extra, `--output_dir ./out-${script}`].join(
      " \\\n    ",
    ),
  );
}

function openrlhfCommand(module: "train_dpo" | "train_rm", file: string, keys: string[]): string {
  return fence(
    "bash",
    [
      `deepspeed --module openrlhf.cli.${module}`,
      `--model.model_name_or_path ${MODEL}`,
      ...(module === "train_dpo" ? [`--ref.model_name_or_path ${MODEL}`] : []),
      `--data.dataset ./export/${file}`,
      ...keys,
      "--data.apply_chat_template",
      `--ckpt.output_dir ./out-${module}`,
    ].join(" \\\n    "),
  );
}

function llamafactoryYaml(stage: "sft" | "dpo" | "rm", datasetName: string, multiTurn: boolean): string {
  const lines = [
    `model_name_or_path: ${MODEL}`,
    `stage: ${stage}`,
    "do_train: true",
    "finetuning_type: lora",
    `dataset: ${datasetName}`,
    "dataset_dir: ./export",
    "template: qwen",
    ...(stage === "sft" && multiTurn ? ["mask_history: true  # train only the last (judged) turn"] : []),
    ...(stage === "dpo" ? ["pref_beta: 0.1", "pref_loss: sigmoid"] : []),
    `output_dir: ./out-llamafactory-${stage}`,
  ];
  return fence("yaml", lines.join("\n"));
}

function axolotlYaml(config: string, type: string, rl: boolean, splitPath: string): string {
  const lines = [
    `base_model: ${MODEL}`,
    ...(rl ? ["rl: dpo"] : []),
    ...(rl ? [] : ["chat_template: qwen_25"]),
    "datasets:",
    `  - path: ./export/${splitPath}`,
    "    ds_type: json",
    "    split: train",
    `    type: ${type}`,
    ...(rl ? [] : ["    field_messages: messages", "    roles_to_train: [\"assistant\"]"]),
    "output_dir: ./out-axolotl",
  ];
  return fence("yaml", `# ${config}\n${lines.join("\n")}`);
}

function trainerSection(format: ExportFormatName, input: CardInput): string[] {
  const config = input.splits[0]?.path.split("/")[0] ?? "data";
  const train = input.splits.find((split) => split.name === "train")?.path ?? input.splits[0]?.path ?? `${config}/train.jsonl`;
  const multiTurn = input.result.rowsMultiTurn > 0;
  const llamafactoryName = `arbiter_${config}_train`;
  const margin = input.settings.policy.marginFromAgreement;
  switch (format) {
    case "trl-messages":
      return [
        "### TRL SFTTrainer",
        trlCommand("sft", config),
        "By default SFTTrainer trains on every token of `messages`, earlier assistant turns included; `--assistant_only_loss` limits the loss to assistant turns (all of them, and it needs a chat template with generation markers). To train only the judged turn, export `trl-prompt-completion` instead.",
        "### Axolotl",
        axolotlYaml(config, "chat_template", false, train),
      ];
    case "trl-prompt-completion":
      return ["### TRL SFTTrainer", trlCommand("sft", config), "For prompt-completion rows SFTTrainer computes the loss on the completion only (`completion_only_loss` defaults to it): earlier turns in `prompt` are context."];
    case "openai-chat":
      return ["### OpenAI fine-tuning", "Upload `" + train + "` with purpose `fine-tune` and create a supervised job. The judged turn has `weight: 1`; earlier assistant turns have `weight: 0` (not trained)."];
    case "llamafactory-sharegpt-sft":
      return [
        "### LLaMA-Factory",
        `\`dataset_info.json\` (beside this card) registers each split as \`arbiter_${config}_<split>\`. Then \`llamafactory-cli train sft.yaml\` with:`,
        llamafactoryYaml("sft", llamafactoryName, multiTurn),
        multiTurn ? "`mask_history: true` trains only the last turn; without it LLaMA-Factory trains every assistant turn of a multi-turn row." : "",
      ];
    case "trl-preference":
      return [
        "### TRL DPOTrainer (also ORPO, CPO, RewardTrainer)",
        trlCommand("dpo", config),
        "### OpenRLHF",
        "The prompt is a separate column: OpenRLHF needs `--data.prompt_key prompt` (without it, reward-model training drops the prompt and DPO training fails). " +
          (margin ? "The `margin` column is read by reward-model training." : ""),
        openrlhfCommand("train_dpo", train, ["--data.prompt_key prompt", "--data.chosen_key chosen", "--data.rejected_key rejected"]),
        openrlhfCommand("train_rm", train, ["--data.prompt_key prompt", "--data.chosen_key chosen", "--data.rejected_key rejected"]),
      ];
    case "trl-preference-implicit":
      return [
        "### TRL RewardTrainer, DPOTrainer",
        trlCommand("reward", config),
        "### OpenRLHF",
        "Both sides are whole conversations: OpenRLHF's defaults (`chosen` / `rejected` keys, no prompt key) load them.",
        openrlhfCommand("train_rm", train, []),
      ];
    case "axolotl-prompt-pairs":
      return [
        "### Axolotl",
        axolotlYaml(config, "chatml.prompt_pairs", true, train),
        "Axolotl writes no system block when `system` is empty, and no chat template's default either.",
      ];
    case "openai-preference":
      return ["### OpenAI preference fine-tuning", "Upload `" + train + "` with purpose `fine-tune` and create a job with the `dpo` method."];
    case "llamafactory-ranking":
      return [
        "### LLaMA-Factory",
        `\`dataset_info.json\` (beside this card) registers each split as \`arbiter_${config}_<split>\` with \`"ranking": true\`. \`llamafactory-cli train dpo.yaml\` with:`,
        llamafactoryYaml("dpo", llamafactoryName, false),
        "For a reward model use `stage: rm` instead.",
      ];
    case "kto": {
      const w = ktoWeights(input.result.desirable.train, input.result.splits.train.rows - input.result.desirable.train);
      return [
        "### TRL KTOTrainer (also BCOTrainer)",
        `Train split: ${input.result.desirable.train} desirable (\`label: true\`) and ${input.result.splits.train.rows - input.result.desirable.train} undesirable rows. TRL warns unless \`desirable_weight\` is in [${w.desirableRange[0]}, ${w.desirableRange[1]}] or \`undesirable_weight\` in [${w.undesirableRange[0]}, ${w.undesirableRange[1]}] (not both); this command sets the advised weights:`,
        trlCommand("kto", config, [`--desirable_weight ${w.desirableWeight}`, `--undesirable_weight ${w.undesirableWeight}`]),
      ];
    }
    case "prompt-only": {
      const column = input.settings.records.referenceColumn;
      const withReference = input.settings.policy.groundTruth === "require";
      const lines = ["### TRL GRPOTrainer (also RLOO, online DPO)"];
      if (withReference && column === "solution") {
        lines.push("The `solution` column is what TRL's built-in `accuracy_reward` reads:", trlCommand("grpo", config, ["--reward_funcs accuracy_reward"]));
        lines.push("It receives the column by name:", fence("python", "def accuracy_reward(completions: list[list[dict[str, str]]], solution: list[str], **kwargs) -> list[float | None]"));
      } else if (withReference) {
        lines.push(
          "Every column other than `prompt` reaches the reward function as a keyword argument of the same name:",
          fence("python", "def reward(completions: list[list[dict[str, str]]], ground_truth: list[str], **kwargs) -> list[float]:\n    ..."),
          trlCommand("grpo", config, ["--reward_funcs my_rewards.reward"]),
        );
      } else {
        lines.push(trlCommand("grpo", config, ["--reward_model_name_or_path <reward model>"]));
      }
      return lines;
    }
    case "verl-parquet": {
      const test = input.splits.find((split) => split.name === "test" || split.name === "validation")?.path;
      const withReference = input.settings.policy.groundTruth === "require";
      return [
        "### veRL (GRPO; PPO with `algorithm.adv_estimator=gae` and a critic)",
        "`data_source` is `arbiter`, which veRL's built-in scorers do not know: name your reward function with `custom_reward_function`." +
          (withReference ? "" : " Rows without a reference answer have `reward_model.ground_truth` null."),
        fence(
          "bash",
          [
            "python3 -m verl.trainer.main_ppo",
            "algorithm.adv_estimator=grpo",
            `data.train_files=./export/${train}`,
            ...(test ? [`data.val_files=./export/${test}`] : []),
            "data.prompt_key=prompt",
            `actor_rollout_ref.model.path=${MODEL}`,
            "custom_reward_function.path=./my_reward.py",
            "custom_reward_function.name=compute_score",
          ].join(" \\\n    "),
        ),
        "It is called with the row's `data_source`, the decoded response, `reward_model.ground_truth` and `extra_info`:",
        fence("python", "def compute_score(data_source: str, solution_str: str, ground_truth: str | None, extra_info: dict | None = None, **kwargs) -> float:\n    ..."),
      ];
    }
  }
}

function systemSection(input: CardInput): string[] {
  const policy = input.settings.records.systemMessage;
  const what = {
    "set-default": "prompts without their own system message got their prompt set's default one (when the set has one)",
    keep: "system messages are as stored: nothing was added",
    text: `prompts without their own system message got: ${JSON.stringify(policy.text ?? "")}`,
    empty: "prompts without their own system message got an explicit empty system message, which suppresses a chat template's default",
  }[policy.mode];
  const lines = ["## System messages", "", `Policy \`${policy.mode}\`: ${what}.`];
  if (input.result.rowsWithoutSystem > 0) {
    lines.push(
      "",
      `**${input.result.rowsWithoutSystem} of ${input.result.rows} rows have no system message.** A chat template adds its default to these in training:`,
      ...templateDefaultSystem.map((entry) => `- ${entry.template}: ${JSON.stringify(entry.inserts)}`),
    );
  }
  return lines;
}

export function datasetCardBody(input: CardInput): string {
  const { settings, result } = input;
  const info = exportFormats[settings.format];
  const lines = [
    `# ${input.name.replace(/[\r\n]+/g, " ")}`,
    "",
    `Exported from Arbiter (format \`${info.name}\`): ${translatorFor("en")(`exports.formatDescription.${info.name}`)}`,
    "",
    `Loads as it is into: ${info.trainers.join("; ")}.`,
    "",
    `Database snapshot: ${input.snapshotAt.toISOString()}. Split seed \`${settings.split.seed}\`, by ${settings.split.by}.`,
    "",
    "| split | prompts | rows |",
    "|---|---|---|",
    ...(["train", "test", "validation"] as const).filter((split) => result.splits[split].rows > 0).map((split) => `| ${split} | ${result.splits[split].prompts} | ${result.splits[split].rows} |`),
    "",
    `Rows by where their judgments come from (HUMAN: annotators, ADJUDICATION: an admin's settlement, IMPORTED: labels that came with an imported file, MODEL_JUDGE: a model judge's verdict over both orders, VERIFIER: verifier outcomes): ${
      Object.entries(result.rowsByJudgmentSource)
        .map(([source, rows]) => `${source} ${rows}`)
        .join(", ") || "none"
    }.`,
    "",
    `Records by the source of their verdict: ${Object.entries(result.sources)
      .map(([source, rows]) => `${recordSourceWords[source as RecordSource]} ${rows}`)
      .join(", ")}.${sourceSentence[settings.policy.source]}`,
    "",
    ...systemSection(input),
    "",
    "## Training with this export",
    "",
    "Commands assume this folder is `./export`; `" + MODEL + "` stands for your model.",
    "",
    ...trainerSection(settings.format, input).flatMap((block) => (block ? [block, ""] : [])),
  ];
  if (result.rowsMultiTurn > 0) {
    lines.push(
      "## Multi-turn rows",
      "",
      `${result.rowsMultiTurn} rows have earlier assistant turns in their prompt: those are context, not targets. To train only the judged turn: ` +
        "TRL: the prompt-completion format (`trl-prompt-completion`; preference and KTO formats already keep the judged answer apart); " +
        "LLaMA-Factory: `mask_history: true`; OpenAI: `weight: 0` on earlier turns (`openai-chat` writes it).",
      "",
    );
  }
  lines.push("See `manifest.json` for the pairing policy, filters, dropped rows and why, statistics and the sha256 of every file.");
  return lines.join("\n");
}

const recordSourceWords: Record<RecordSource, string> = { human: "human judgments", verifier: "verifiers", "model-judge": "model judges" };
const sourceSentence: Record<ExportSettings["policy"]["source"], string> = {
  human: "",
  verifier: " Pairs, targets and labels come from the verifiers' pass / fail outcomes (correct vs incorrect answers), not from people.",
  judge: " Pairs, targets and labels come from model judges' pairwise verdicts (each pair judged in both orders; a judge that flipped with the order gave a tie, which makes no pair), not from people.",
  "human-then-judge": " Prompts that people judged use their judgments only; prompts no person judged use model judges' verdicts (both orders; an order-inconsistent verdict is a tie).",
};
