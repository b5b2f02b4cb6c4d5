import { describe, expect, it } from "vitest";
import { cx } from "./cx";

describe("cx", () => {
  it("joins class names and skips falsy ones", () => {
    expect(cx("a", false, null, undefined, "", "b")).toBe("a b");
    expect(cx("a", { b: true, c: false }, ["d", ["e"]])).toBe("a b d e");
  });

  it("lets a later Tailwind utility replace a conflicting earlier one", () => {
    expect(cx("px-3 py-2", "px-6")).toBe("py-2 px-6");
    expect(cx("px-6", "px-3 py-2")).toBe("px-3 py-2");
    expect(cx("p-4", "px-2")).toBe("p-4 px-2");
    expect(cx("px-2", "p-4")).toBe("p-4");
    expect(cx("rounded-md bg-accent text-white", "bg-danger")).toBe("rounded-md text-white bg-danger");
  });

  it("keeps the project's theme colours apart from font sizes", () => {
    expect(cx("text-sm text-muted-foreground", "text-danger-text")).toBe("text-sm text-danger-text");
    expect(cx("text-sm text-foreground", "text-xs")).toBe("text-foreground text-xs");
  });

  it("keeps utilities that do not conflict, including variants", () => {
    expect(cx("hover:bg-accent bg-surface", "focus-visible:outline-none")).toBe("hover:bg-accent bg-surface focus-visible:outline-none");
    expect(cx("hover:bg-accent", "hover:bg-danger")).toBe("hover:bg-danger");
  });
});
