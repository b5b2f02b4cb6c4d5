import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../conversation";
import { exportPrompt } from "./pipeline";
import { recordSchemaFor } from "./schemas";
import { exportSettingsSchema, shapeOptions, type ExportSettings } from "./settings";
import { applySystemPolicy, type SystemPolicy } from "./system-policy";
import { greatWallPrompt, IDENTITY_SYSTEM, identityPrompt } from "@/tests/support/export-fixtures";
import { exportFormatNames, type ExportFormatName, type JudgedPrompt } from "./types";

/** The same judged prompt in a set that has no default system message. */
const noDefaultPrompt: JudgedPrompt = { ...identityPrompt, promptId: "p-identity-no-default", defaultSystemMessage: null };
const referencePrompt = (prompt: JudgedPrompt): JudgedPrompt => ({ ...prompt, referenceAnswer: "42" });
const FILL = "You are Deep Qwen, created by the Arbiter team.";

const settingsFor = (format: ExportFormatName, systemMessage: SystemPolicy): ExportSettings =>
  exportSettingsSchema.parse({
    format,
    filters: { promptSetIds: ["6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a"] },
    split: { seed: "s", train: 1, test: 0, validation: 0 },
    policy: { sftSource: "both", groundTruth: format === "prompt-only" ? "require" : "omit" },
    records: { systemMessage },
  });

/** The system message a written record carries, as the trainer reads it; null when it has none. */
function writtenSystem(format: ExportFormatName, record: Record<string, unknown>): string | null {
  if (format === "axolotl-prompt-pairs") return (record.system as string) === "" ? null : (record.system as string);
  if (format === "llamafactory-ranking") {
    const first = (record.conversations as { from: string; value: string }[])[0];
    return first?.from === "system" ? first.value : null;
  }
  const messages = (
    format === "openai-preference" ? (record.input as { messages: ChatMessage[] }).messages : (record.messages ?? record.prompt ?? record.chosen)
  ) as ChatMessage[];
  return messages[0]?.role === "system" ? messages[0].content : null;
}

function systemsWritten(format: ExportFormatName, prompt: JudgedPrompt, policy: SystemPolicy): (string | null)[] {
  const settings = settingsFor(format, policy);
  const output = exportPrompt(referencePrompt(prompt), settings);
  expect(output.lines.length, `${format} writes rows`).toBeGreaterThan(0);
  return output.lines.map((line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(recordSchemaFor(format, shapeOptions(settings)).safeParse(record).success, `${format}: ${line}`).toBe(true);
    return writtenSystem(format, record);
  });
}

describe("system-message policy, in every format", () => {
  // Axolotl's chatml.prompt_pairs writes no system block for "" (its `if sample["system"]`), so "empty" reads as none there.
  const emptyAs = (format: ExportFormatName) => (format === "axolotl-prompt-pairs" ? null : "");

  for (const format of exportFormatNames) {
    it(`${format}: a prompt's own system message is written as stored under every mode`, () => {
      for (const policy of [{ mode: "set-default" }, { mode: "keep" }, { mode: "text", text: FILL }, { mode: "empty" }] as SystemPolicy[]) {
        for (const system of systemsWritten(format, greatWallPrompt, policy)) expect(system).toBe("你是一个乐于助人的助手。");
      }
    });

    it(`${format}: set-default fills the set's default, and nothing when the set has none`, () => {
      expect(new Set(systemsWritten(format, identityPrompt, { mode: "set-default" }))).toEqual(new Set([IDENTITY_SYSTEM]));
      expect(new Set(systemsWritten(format, noDefaultPrompt, { mode: "set-default" }))).toEqual(new Set([null]));
    });

    it(`${format}: keep writes no system message where the prompt has none, even when the set has a default`, () => {
      expect(new Set(systemsWritten(format, identityPrompt, { mode: "keep" }))).toEqual(new Set([null]));
    });

    it(`${format}: text fills the given text, over the set's default`, () => {
      expect(new Set(systemsWritten(format, identityPrompt, { mode: "text", text: FILL }))).toEqual(new Set([FILL]));
      expect(new Set(systemsWritten(format, noDefaultPrompt, { mode: "text", text: FILL }))).toEqual(new Set([FILL]));
    });

    it(`${format}: empty writes an explicit empty system message`, () => {
      expect(new Set(systemsWritten(format, noDefaultPrompt, { mode: "empty" }))).toEqual(new Set([emptyAs(format)]));
      expect(new Set(systemsWritten(format, identityPrompt, { mode: "empty" }))).toEqual(new Set([emptyAs(format)]));
    });
  }

  it("counts the rows left without a system message, and the split does not depend on the policy", () => {
    const keep = exportPrompt(identityPrompt, settingsFor("trl-preference", { mode: "keep" }));
    const fill = exportPrompt(identityPrompt, settingsFor("trl-preference", { mode: "set-default" }));
    expect(keep.withoutSystem).toBe(true);
    expect(fill.withoutSystem).toBe(false);
    expect(keep.split).toBe(fill.split);
  });

  it("refuses the text mode without a text, naming the field", () => {
    const result = exportSettingsSchema.safeParse({ format: "kto", filters: { promptSetIds: ["6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a"] }, records: { systemMessage: { mode: "text", text: " " } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["records", "systemMessage", "text"]);
    expect(() => applySystemPolicy(identityPrompt, { mode: "text" })).toThrow(/needs a text/);
  });
});
