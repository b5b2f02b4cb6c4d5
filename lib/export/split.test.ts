import { describe, expect, it } from "vitest";
import { assignSplit, promptContentKey, promptSplitKey, splitPoint, type SplitName } from "./split";
import { greatWallPrompt, identityPrompt } from "@/tests/support/export-fixtures";

describe("assignSplit", () => {
  it("is a pure function of key, seed and ratios, pinned so that a change of hashing is noticed", () => {
    const keys = ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8"];
    const splits = keys.map((key) => assignSplit(key, 42, { train: 0.5, test: 0.25, validation: 0.25 }));
    expect(splits).toEqual(["train", "validation", "train", "test", "validation", "validation", "validation", "test"]);
    expect(splits).toEqual(keys.map((key) => assignSplit(key, 42, { train: 0.5, test: 0.25, validation: 0.25 })));
    expect(splitPoint("p-1", 42)).toBe(splitPoint("p-1", "42"));
    expect(splitPoint("p-1", 42)).not.toBe(splitPoint("p-1", 43));
    // sha256("arbiter-split\0" + "42" + "\0" + "p-1"), first 48 bits over 2^48.
    expect(splitPoint("p-1", 42)).toBe(0.061145973140458665);
  });

  it("follows the ratios over many prompts, and a seed reshuffles", () => {
    const counts: Record<SplitName, number> = { train: 0, test: 0, validation: 0 };
    let moved = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const split = assignSplit(`prompt-${i}`, "seed-a", { train: 8, test: 1, validation: 1 });
      counts[split] += 1;
      if (split !== assignSplit(`prompt-${i}`, "seed-b", { train: 8, test: 1, validation: 1 })) moved += 1;
    }
    expect(counts.train / 10_000).toBeCloseTo(0.8, 1);
    expect(counts.test / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.validation / 10_000).toBeCloseTo(0.1, 1);
    expect(moved).toBeGreaterThan(2_000);
  });

  it("never uses a split with a zero or missing ratio", () => {
    for (let i = 0; i < 500; i += 1) {
      expect(assignSplit(`k${i}`, 1, { train: 0.9, test: 0.1 })).not.toBe("validation");
      expect(assignSplit(`k${i}`, 1, { train: 1, test: 0 })).toBe("train");
      expect(assignSplit(`k${i}`, 1, { train: 0, test: 0, validation: 3 })).toBe("validation");
    }
  });

  it("moving share from train to test only moves prompts from train to test", () => {
    for (let i = 0; i < 2_000; i += 1) {
      const before = assignSplit(`k${i}`, 7, { train: 0.9, test: 0.1 });
      const after = assignSplit(`k${i}`, 7, { train: 0.8, test: 0.2 });
      if (before === "test") expect(after).toBe("test");
    }
  });

  it("rejects ratios it cannot use", () => {
    expect(() => assignSplit("k", 1, { train: 0, test: 0 })).toThrow(RangeError);
    expect(() => assignSplit("k", 1, { train: -1, test: 2 })).toThrow(RangeError);
    expect(() => assignSplit("k", 1, { train: Number.NaN, test: 1 })).toThrow(RangeError);
  });
});

describe("prompt split keys", () => {
  it("content keys ignore system messages and surrounding whitespace, not the turns", () => {
    const plain = promptContentKey([{ role: "user", content: "Who are you?" }]);
    expect(promptContentKey([{ role: "system", content: "Be brief." }, { role: "user", content: " Who are you?\n" }])).toBe(plain);
    expect(promptContentKey([{ role: "user", content: "Who are you ?" }])).not.toBe(plain);
    expect(promptContentKey([{ role: "assistant", content: "Who are you?" }])).not.toBe(plain);
    expect(plain).toMatch(/^[0-9a-f]{64}$/);
  });

  it("by id or by content", () => {
    expect(promptSplitKey(identityPrompt, "prompt-id")).toBe("p-identity");
    expect(promptSplitKey(greatWallPrompt, "content")).toBe(promptContentKey(greatWallPrompt.messages));
  });
});
