import { describe, expect, it } from "vitest";
import { exportPrompt } from "./pipeline";
import { exportSettingsSchema } from "./settings";
import type { ExportCandidate, JudgedPrompt } from "./types";
import { promptPassRate, verifierLabels, verifierPairs, verifierSftTargets } from "./verifier-pairing";

const candidate = (id: string, content: string, verified: boolean | null): ExportCandidate => ({ id, content, source: "GENERATED", parentId: null, model: "m", verified });
const prompt = (candidates: ExportCandidate[]): JudgedPrompt => ({
  promptId: "p",
  promptSetId: "s",
  messages: [{ role: "user", content: "What is 6 x 7?" }],
  defaultSystemMessage: null,
  referenceAnswer: "42",
  candidates,
  judgments: [],
});

const mixed = prompt([candidate("a", "It is \\boxed{42} because 6 x 7 = 42.", true), candidate("b", "\\boxed{42}", true), candidate("c", "\\boxed{41}", false), candidate("d", "I think 40, maybe.", false), candidate("e", "?", null)]);

describe("pairing by verifier outcome", () => {
  it("best-vs-worst: the shortest correct vs the longest incorrect; all-pairs: every correct x incorrect", () => {
    expect(verifierPairs(mixed, "best-vs-worst").pairs).toEqual([{ chosen: "\\boxed{42}", rejected: "I think 40, maybe." }]);
    const all = verifierPairs(mixed, "all-pairs");
    expect(all.pairs).toHaveLength(4);
    expect(all.drops.unverified).toBe(1);
  });
  it("no pair without both a correct and an incorrect answer", () => {
    const onlyRight = prompt([candidate("a", "42", true), candidate("b", "forty-two", true)]);
    expect(verifierPairs(onlyRight, "all-pairs")).toMatchObject({ pairs: [], drops: { "no-verified-pair": 1 } });
  });
  it("SFT takes the shortest correct answer; KTO labels every verified one", () => {
    expect(verifierSftTargets(mixed).targets).toEqual(["\\boxed{42}"]);
    expect(verifierLabels(mixed).labels.map((l) => l.label)).toEqual([true, true, false, false]);
  });
  it("pass rate and the difficulty filter", () => {
    const filter = { minSamples: 2, dropAllPass: true, dropNonePass: true };
    expect(promptPassRate(mixed, filter)).toEqual({ passRate: 0.5, samples: 4 });
    expect(promptPassRate(prompt([candidate("a", "x", true)]), filter)).toEqual({ drop: "too-few-samples" });
    expect(promptPassRate(prompt([candidate("a", "x", true), candidate("b", "y", true)]), filter)).toEqual({ drop: "all-pass" });
    expect(promptPassRate(prompt([candidate("a", "x", false), candidate("b", "y", false)]), filter)).toEqual({ drop: "none-pass" });
    expect(promptPassRate(prompt([candidate("a", "x", false), candidate("b", "y", false)]), { ...filter, dropNonePass: false })).toEqual({ passRate: 0, samples: 2 });
  });
  it("the pipeline writes verifier records and labels their source", () => {
    const settings = exportSettingsSchema.parse({ format: "trl-preference", filters: { promptSetIds: ["00000000-0000-4000-8000-000000000001"] }, policy: { source: "verifier" } });
    const output = exportPrompt(mixed, settings);
    expect(output.source).toBe("verifier");
    expect(output.lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { prompt: [{ role: "user", content: "What is 6 x 7?" }], chosen: [{ role: "assistant", content: "\\boxed{42}" }], rejected: [{ role: "assistant", content: "I think 40, maybe." }] },
    ]);
    const grpo = exportSettingsSchema.parse({ format: "prompt-only", filters: { promptSetIds: ["00000000-0000-4000-8000-000000000001"] }, policy: { verifierChecks: true, passRate: { minSamples: 2 } } });
    expect(JSON.parse(exportPrompt({ ...mixed, verifierChecks: [{ type: "math" }] }, grpo).lines[0]!)).toEqual({
      prompt: [{ role: "user", content: "What is 6 x 7?" }],
      checks: '[{"type":"math"}]',
      pass_rate: 0.5,
      n_samples: 4,
    });
  });
});
