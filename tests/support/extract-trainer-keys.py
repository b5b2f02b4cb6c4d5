"""Writes tests/support/trainer-keys.json: the command-line flags and config keys each trainer accepts,
read from the trainers' own sources (git mirrors of their repositories), so that the dataset card's
commands can be checked by lib/export/trainer-commands.test.ts without the trainers installed.

Usage: python3 tests/support/extract-trainer-keys.py <mirrors dir> > tests/support/trainer-keys.json
where <mirrors dir> holds bare clones named OpenRLHF+OpenRLHF, huggingface+trl, hiyouga+LLaMA-Factory,
axolotl-ai-cloud+axolotl.
"""
import json, re, subprocess, sys

root = sys.argv[1]

def git(repo, *args):
    return subprocess.run(["git", "-C", f"{root}/{repo}/repo", *args], capture_output=True, text=True, check=True).stdout

def commit(repo):
    return git(repo, "rev-parse", "HEAD").strip()

def show(repo, path):
    return git(repo, "show", f"HEAD:{path}")

def dataclass_fields(text):
    # `name: type = field(...)` / `name: type = default` at class-body indentation (4 spaces)
    return set(re.findall(r"^    ([a-z_][a-z0-9_]*)\s*:\s*[^=\n]+(?:=|$)", text, re.M))

out = {}

# OpenRLHF: argparse flags of each CLI entry point.
repo = "OpenRLHF+OpenRLHF"
paths = {"sft": "openrlhf/cli/train_sft.py", "dpo": "openrlhf/cli/train_dpo.py", "rm": "openrlhf/cli/train_rm.py"}
out["openrlhf"] = {
    "source": {"repository": "OpenRLHF/OpenRLHF", "commit": commit(repo), "paths": list(paths.values())},
    "flags": {name: sorted(set(re.findall(r'"(--[A-Za-z0-9_.]+)"', show(repo, path)))) for name, path in paths.items()},
}

# TRL: the script parsers take ScriptArguments, the trainer's config dataclass and ModelConfig as flags.
repo = "huggingface+trl"
trl_paths = {
    "common": ["trl/scripts/utils.py", "trl/trainer/model_config.py", "trl/trainer/base_config.py"],
    "sft": ["trl/trainer/sft_config.py"], "dpo": ["trl/trainer/dpo_config.py"], "kto": ["trl/trainer/kto_config.py"],
    "reward": ["trl/trainer/reward_config.py"], "grpo": ["trl/trainer/grpo_config.py", "trl/scripts/grpo.py"],
}
fields = {name: sorted({f"--{f}" for p in ps for f in dataclass_fields(show(repo, p))}) for name, ps in trl_paths.items()}
# transformers.TrainingArguments is not mirrored here: these are the flags TRL's own scripts pass in their usage examples.
usage = set()
for script in ["trl/scripts/sft.py", "trl/scripts/dpo.py", "trl/scripts/kto.py", "trl/scripts/reward.py", "trl/scripts/grpo.py"]:
    usage |= set(re.findall(r"(--[a-z_]+)", show(repo, script)))
fields["usage-examples"] = sorted(usage)
out["trl"] = {
    "source": {"repository": "huggingface/trl", "commit": commit(repo), "paths": [p for ps in trl_paths.values() for p in ps] + ["trl/scripts/*.py (usage docstrings)"]},
    "flags": fields,
}

# LLaMA-Factory: yaml keys are the hparams dataclasses' fields (plus the keys its own example yamls use, which
# include transformers' Seq2SeqTrainingArguments); dataset_info.json keys are read in data/parser.py.
repo = "hiyouga+LLaMA-Factory"
hp = ["src/llamafactory/hparams/data_args.py", "src/llamafactory/hparams/finetuning_args.py", "src/llamafactory/hparams/model_args.py"]
yaml_keys = {f for p in hp for f in dataclass_fields(show(repo, p))}
examples = ["examples/train_lora/qwen3_lora_sft.yaml", "examples/train_lora/qwen3_lora_dpo.yaml", "examples/train_lora/qwen3_lora_kto.yaml", "examples/train_lora/qwen3_lora_reward.yaml"]
for p in examples:
    yaml_keys |= set(re.findall(r"^([a-z_][a-z0-9_]*):", show(repo, p), re.M))
parser = show(repo, "src/llamafactory/data/parser.py")
info_top = {"file_name", "hf_hub_url", "ms_hub_url", "om_hub_url", "script_url", "cloud_file_name"} & set(re.findall(r'"([a-z_]+)"', parser))
info_top |= set(re.findall(r'set_attr\("([a-z_]+)", attr', parser)) | {"columns", "tags"}
m = re.search(r"column_names = \[(.*?)\]\s*column_names \+= \[(.*?)\]", parser, re.S)
columns = set(re.findall(r'"([a-z_]+)"', m.group(1) + m.group(2)))
m = re.search(r"tag_names = \[(.*?)\]\s*tag_names \+= \[(.*?)\]", parser, re.S)
tags = set(re.findall(r'"([a-z_]+)"', m.group(1) + m.group(2)))
out["llamafactory"] = {
    "source": {"repository": "hiyouga/LLaMA-Factory", "commit": commit(repo), "paths": hp + examples + ["src/llamafactory/data/parser.py"]},
    "yamlKeys": sorted(yaml_keys),
    "datasetInfoKeys": sorted(info_top),
    "datasetInfoColumns": sorted(columns),
    "datasetInfoTags": sorted(tags),
}

# Axolotl: the pydantic config schema's fields; dataset entries' fields.
repo = "axolotl-ai-cloud+axolotl"
cfg = ["src/axolotl/utils/schemas/config.py", "src/axolotl/utils/schemas/training.py", "src/axolotl/utils/schemas/model.py", "src/axolotl/utils/schemas/trl.py", "src/axolotl/utils/schemas/peft.py"]
ds = ["src/axolotl/utils/schemas/datasets.py"]
out["axolotl"] = {
    "source": {"repository": "axolotl-ai-cloud/axolotl", "commit": commit(repo), "paths": cfg + ds},
    "configKeys": sorted({f for p in cfg for f in dataclass_fields(show(repo, p))}),
    "datasetKeys": sorted({f for p in ds for f in dataclass_fields(show(repo, p))}),
}

# veRL: Hydra overrides are dotted paths into the PPO trainer's generated config.
import yaml
repo = "volcengine+verl"
generated = yaml.safe_load(show(repo, "verl/trainer/config/_generated_ppo_trainer.yaml"))
def flatten(node, prefix=""):
    keys = set()
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{prefix}{key}"
            keys.add(path)
            keys |= flatten(value, f"{path}.")
    return keys
out["verl"] = {
    "source": {"repository": "volcengine/verl", "commit": commit(repo), "paths": ["verl/trainer/config/_generated_ppo_trainer.yaml"]},
    "overrides": sorted(flatten(generated)),
}

json.dump(out, sys.stdout, indent=1, sort_keys=False)
sys.stdout.write("\n")
