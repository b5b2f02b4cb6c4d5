import { describe, expect, it } from "vitest";
import { commandFor, shortcuts } from "./keyboard";
import { characterCount, estimateTokens } from "./text-stats";

describe("keyboard map", () => {
  it("maps the verdict keys in pairwise mode", () => {
    expect(commandFor({ key: "a" }, "PAIRWISE")).toBe("prefer-a");
    expect(commandFor({ key: "2" }, "PAIRWISE")).toBe("prefer-b");
    expect(commandFor({ key: "t" }, "PAIRWISE")).toBe("tie");
    expect(commandFor({ key: "x" }, "PAIRWISE")).toBe("both-bad");
    expect(commandFor({ key: "Enter" }, "PAIRWISE")).toBe("submit");
  });

  it("uses t for 'tie with the one above' and J/K for moves in ranking mode", () => {
    expect(commandFor({ key: "t" }, "RANKING")).toBe("toggle-tie-above");
    expect(commandFor({ key: "J", shiftKey: true }, "RANKING")).toBe("move-down");
    expect(commandFor({ key: "ArrowUp", shiftKey: true }, "RANKING")).toBe("move-up");
    expect(commandFor({ key: "ArrowUp" }, "RANKING")).toBe("focus-previous");
    expect(commandFor({ key: "a" }, "RANKING")).toBeNull();
  });

  it("lets text fields keep their keys, except Ctrl+Enter and Escape", () => {
    expect(commandFor({ key: "a", inTextField: true }, "PAIRWISE")).toBeNull();
    expect(commandFor({ key: "Enter", inTextField: true }, "PAIRWISE")).toBeNull();
    expect(commandFor({ key: "Enter", ctrlKey: true, inTextField: true }, "PAIRWISE")).toBe("submit");
    expect(commandFor({ key: "Escape", inTextField: true }, "RANKING")).toBe("close");
  });

  it("leaves browser shortcuts alone", () => {
    expect(commandFor({ key: "r", ctrlKey: true }, "PAIRWISE")).toBeNull();
    expect(commandFor({ key: "a", altKey: true }, "PAIRWISE")).toBeNull();
  });

  it("has no key bound to two commands in one mode", () => {
    for (const mode of ["PAIRWISE", "RANKING"] as const) {
      const keys = shortcuts.filter((s) => s.modes.includes(mode)).flatMap((s) => s.keys);
      expect(new Set(keys).size, mode).toBe(keys.length);
    }
  });
});

describe("text statistics", () => {
  it("counts code points and estimates tokens", () => {
    expect(characterCount("你好 👋")).toBe(4);
    expect(estimateTokens("abcdefgh")).toBe(2);
    expect(estimateTokens("你好")).toBe(2);
  });
});
