import { describe, expect, it } from "vitest";
import { arithmeticPrompt as tiePrompt, identityPrompt } from "@/tests/support/export-fixtures";
import { createExportTally, exportPrompt } from "./pipeline";
import { rowCounts } from "./row-counts";
import { exportSettingsSchema } from "./settings";

describe("rowCounts", () => {
  it("counts the prompts that gave rows, so the headline adds up with the splits, and names the ones that gave none", () => {
    const settings = exportSettingsSchema.parse({ format: "trl-preference", filters: { promptSetIds: ["6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a"] }, split: { seed: "s", train: 1, test: 1 } });
    const tally = createExportTally();
    // The tie prompt matches the filters but every one of its pairs is a tie: dropped, no row.
    for (const prompt of [identityPrompt, tiePrompt]) tally.add(prompt, exportPrompt(prompt, settings));
    const result = tally.result();
    expect(result.prompts).toBe(2);
    const splitPrompts = result.splits.train.prompts + result.splits.test.prompts + result.splits.validation.prompts;
    const splitRows = result.splits.train.rows + result.splits.test.rows + result.splits.validation.rows;
    expect(splitPrompts).toBe(1);

    const counts = rowCounts(result);
    expect(counts).toEqual({ rows: splitRows, promptsWithRows: splitPrompts, promptsMatched: 2, promptsWithoutRows: 1 });
    expect(counts.rows).toBeGreaterThan(0);
  });

  it("reads an export's manifest counts the same way", () => {
    const counts = rowCounts({ rows: 40, prompts: 20, splits: { train: { prompts: 16, rows: 36 }, test: { prompts: 2, rows: 4 }, validation: { prompts: 0, rows: 0 } } });
    expect(counts).toEqual({ rows: 40, promptsWithRows: 18, promptsMatched: 20, promptsWithoutRows: 2 });
  });
});
