import { describe, expect, it } from "vitest";
import { commandFor, isTextEntry, shortcuts } from "./keyboard";
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

  it("does nothing while an input method composes, even Enter and Escape", () => {
    expect(commandFor({ key: "Enter", isComposing: true }, "PAIRWISE")).toBeNull();
    expect(commandFor({ key: "1", keyCode: 229 }, "PAIRWISE")).toBeNull();
    expect(commandFor({ key: "Process" }, "PAIRWISE")).toBeNull();
    expect(commandFor({ key: "Escape", isComposing: true, inTextField: true }, "RANKING")).toBeNull();
    expect(commandFor({ key: "Enter", ctrlKey: true, keyCode: 229, inTextField: true }, "PAIRWISE")).toBeNull();
    expect(commandFor({ key: "Enter", keyCode: 13 }, "PAIRWISE")).toBe("submit");
  });

  it("treats only fields that take typed text as text fields", () => {
    expect(isTextEntry({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTextEntry({ tagName: "INPUT", type: "text" })).toBe(true);
    expect(isTextEntry({ tagName: "INPUT" })).toBe(true);
    expect(isTextEntry({ tagName: "INPUT", type: "search" })).toBe(true);
    expect(isTextEntry({ tagName: "SELECT" })).toBe(true);
    expect(isTextEntry({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTextEntry({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isTextEntry({ tagName: "INPUT", type: "radio" })).toBe(false);
    expect(isTextEntry({ tagName: "BUTTON" })).toBe(false);
    expect(isTextEntry({ tagName: "BODY" })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
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
