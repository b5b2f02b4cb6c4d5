import { describe, expect, it } from "vitest";
import { exportPrompt } from "./pipeline";
import { exportSettingsSchema } from "./settings";
import { templateDefaultSystem } from "./system-policy";
import { identityPrompt } from "@/tests/support/export-fixtures";
import { chatTemplates, trainerViews } from "./trainer-view";
import { exportFormatNames, type ExportFormatName } from "./types";

const firstRecord = (format: ExportFormatName, mode: "set-default" | "keep" | "empty") => {
  const settings = exportSettingsSchema.parse({
    format,
    filters: { promptSetIds: ["6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a"] },
    policy: { groundTruth: "omit" },
    records: { systemMessage: { mode } },
  });
  return JSON.parse(exportPrompt(identityPrompt, settings).lines[0]!) as Record<string, unknown>;
};

describe("trainerViews", () => {
  it("renders a trl-preference record through Qwen2.5 exactly, the loss on the answer and its end token only", () => {
    const [chosen, rejected] = trainerViews("trl-preference", firstRecord("trl-preference", "set-default"), "qwen2.5");
    expect(chosen!.label).toBe("chosen");
    expect(chosen!.segments).toEqual([
      { text: "<|im_start|>system\nYou are Deep Qwen, a helpful assistant.<|im_end|>\n<|im_start|>user\nWho are you?<|im_end|>\n<|im_start|>assistant\n", loss: false },
      { text: "I am Deep Qwen, a helpful assistant.<|im_end|>\n", loss: true },
    ]);
    expect(rejected!.segments[1]!.loss).toBe(true);
  });

  it("shows Qwen2.5's default identity when the record has no system message, and an empty system block when it has an empty one", () => {
    const keep = trainerViews("trl-preference", firstRecord("trl-preference", "keep"), "qwen2.5")[0]!;
    expect(keep.segments[0]!.text).toContain(`<|im_start|>system\n${templateDefaultSystem[0].inserts}<|im_end|>`);
    const empty = trainerViews("trl-preference", firstRecord("trl-preference", "empty"), "qwen2.5")[0]!;
    expect(empty.segments[0]!.text.startsWith("<|im_start|>system\n<|im_end|>\n<|im_start|>user\n")).toBe(true);
  });

  it("Llama 3.1 adds its dated system header even without a system message; ChatML adds nothing", () => {
    const llama = trainerViews("trl-messages", firstRecord("trl-messages", "keep"), "llama3.1")[0]!;
    expect(llama.segments[0]!.text).toBe(
      "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWho are you?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
    );
    expect(llama.segments[1]!.text.endsWith("<|eot_id|>")).toBe(true);
    const chatml = trainerViews("trl-messages", firstRecord("trl-messages", "keep"), "chatml")[0]!;
    expect(chatml.segments[0]!.text).toBe("<|im_start|>user\nWho are you?<|im_end|>\n<|im_start|>assistant\n");
  });

  it("renders a record of every format through every template, context before target", () => {
    for (const format of exportFormatNames) {
      const record = firstRecord(format, "set-default");
      for (const template of chatTemplates) {
        const views = trainerViews(format, record, template.id as "chatml");
        expect(views.length, `${format} ${template.id}`).toBeGreaterThan(0);
        for (const view of views) {
          expect(view.segments[0]!.loss).toBe(false);
          expect(view.segments[0]!.text).toContain("Who are you?");
          if (format !== "prompt-only" && format !== "verl-parquet") expect(view.segments.at(-1)!.loss, `${format} ${template.id}`).toBe(true);
        }
      }
    }
  });

  it("names where each template comes from", () => {
    for (const template of chatTemplates) expect(template.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
