import { describe, expect, it } from "vitest";
import { createExportTally, exportPrompt, judgmentSourceKey } from "./pipeline";
import { recordSchemaFor } from "./schemas";
import { exportSettingsSchema, type ExportSettings } from "./settings";
import { arithmeticPrompt as tiePrompt, goldenPrompts, greatWallPrompt, identityPrompt } from "@/tests/support/export-fixtures";
import { exportFormatNames } from "./types";

const settings = (overrides: Partial<ExportSettings> & Pick<ExportSettings, "format">): ExportSettings =>
  exportSettingsSchema.parse({ filters: { promptSetIds: ["6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a"] }, ...overrides });

describe("exportPrompt", () => {
  it("writes every format's lines so that each parses to a record matching its schema", () => {
    for (const format of exportFormatNames) {
      const chosen = settings({ format, split: { seed: "s", train: 1, test: 0, validation: 0, by: "content" } });
      for (const prompt of goldenPrompts) {
        const output = exportPrompt(prompt, chosen);
        expect(output.split).toBe("train");
        for (const line of output.lines) {
          expect(line.endsWith("\n")).toBe(true);
          expect(recordSchemaFor(format).safeParse(JSON.parse(line)).success, `${format}: ${line}`).toBe(true);
        }
      }
    }
  });

  it("counts ties as drops, not rows, and the tally sums rows and drops per split", () => {
    const chosen = settings({ format: "trl-preference" });
    const tally = createExportTally();
    for (const prompt of [identityPrompt, tiePrompt]) tally.add(prompt, exportPrompt(prompt, chosen));
    const result = tally.result();
    expect(result.prompts).toBe(2);
    expect(result.dropped.tie).toBeGreaterThan(0);
    expect(result.rows).toBe(result.splits.train.rows + result.splits.test.rows + result.splits.validation.rows);
    expect(result.stats.pairsPerPrompt.prompts).toBe(2);
  });

  it("counts the rows of multi-turn prompts (the preview's prompt-completion hint and the card's mask_history read it)", () => {
    const chosen = settings({ format: "trl-messages" });
    const tally = createExportTally();
    const multi = exportPrompt(greatWallPrompt, chosen);
    const single = exportPrompt(identityPrompt, chosen);
    expect([multi.multiTurn, single.multiTurn]).toEqual([true, false]);
    expect(multi.lines.length).toBeGreaterThan(0);
    tally.add(greatWallPrompt, multi);
    tally.add(identityPrompt, single);
    expect(tally.result().rowsMultiTurn).toBe(multi.lines.length);
  });

  it("puts the agreed share in margin only when asked, for every row", () => {
    const withMargin = exportPrompt(identityPrompt, settings({ format: "trl-preference", policy: exportSettingsSchema.shape.policy.parse({ marginFromAgreement: true }) }));
    expect(withMargin.lines.length).toBeGreaterThan(0);
    for (const line of withMargin.lines) expect(typeof (JSON.parse(line) as { margin?: unknown }).margin).toBe("number");
    const without = exportPrompt(identityPrompt, settings({ format: "trl-preference" }));
    for (const line of without.lines) expect(JSON.parse(line)).not.toHaveProperty("margin");
  });
});

describe("judgmentSourceKey", () => {
  it("names the sources behind a prompt's rows in the vocabulary's order, or none", () => {
    expect(judgmentSourceKey([{ source: "IMPORTED" }, { source: "HUMAN" }, { source: "HUMAN" }])).toBe("HUMAN+IMPORTED");
    expect(judgmentSourceKey([{ source: "ADJUDICATION" }])).toBe("ADJUDICATION");
    expect(judgmentSourceKey([])).toBe("none");
  });
});
