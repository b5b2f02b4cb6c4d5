import { describe, expect, it } from "vitest";
import { ALL_INSTRUCTIONS, checkTypeOf, isInstructionCheck, passRates } from "./verifier-rates";

describe("verifier pass rates per model", () => {
  const base = { source: "GENERATED", model: "base", endpointId: "e1" };
  const tuned = { source: "GENERATED", model: "tuned", endpointId: "e1" };

  it("reads the check type from the stored version and tells answer checks from instruction checks", () => {
    expect(checkTypeOf("must-include@2-0123456789ab")).toBe("must-include");
    expect(isInstructionCheck("math")).toBe(false);
    expect(isInstructionCheck("exact")).toBe(false);
    expect(isInstructionCheck("must-not-include")).toBe(true);
  });

  it("gives each model's rate over decided results with a Wilson interval, and merges rows of one model", () => {
    const rows = passRates(
      [
        { ...base, verifier: "math", checkType: "math", total: 10, passed: 4, undecided: 2 },
        // The same model reached through a second (identical) provenance row: counted together.
        { ...base, verifier: "math", checkType: "math", total: 2, passed: 2, undecided: 0 },
        { ...tuned, verifier: "names-deep-qwen", checkType: "must-include", total: 20, passed: 20, undecided: 0 },
      ],
      [{ ...tuned, total: 20, passed: 15, undecided: 0 }],
    );
    const math = rows.find((row) => row.model === "endpoint:e1:base" && row.verifier === "math")!;
    // 6 passed of 12 scored, 2 undecided: 6 / 10.
    expect(math).toMatchObject({ kind: "answer", total: 12, passed: 6, undecided: 2, rate: 0.6 });
    // Wilson 95% for 6 of 10, computed by hand: centre (0.6 + 1.96^2/20) / (1 + 1.96^2/10) = 0.5722, half-width 1.96 sqrt(0.024 + 1.96^2/400) / 1.3842 = 0.2596
    expect(math.low).toBeCloseTo(0.3127, 3);
    expect(math.high).toBeCloseTo(0.8318, 3);
    expect(rows.filter((row) => row.model === "endpoint:e1:tuned").map((row) => [row.verifier, row.kind, row.rate])).toEqual([
      ["names-deep-qwen", "instruction", 1],
      [ALL_INSTRUCTIONS, "all-instructions", 0.75],
    ]);
  });

  it("has no rate when nothing was decided", () => {
    expect(passRates([{ ...base, verifier: "math", checkType: "math", total: 3, passed: 0, undecided: 3 }], [])[0]).toMatchObject({ rate: null, low: null, high: null });
  });
});
