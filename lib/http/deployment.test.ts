import { describe, expect, it } from "vitest";
import { isStalePage } from "./deployment";

describe("isStalePage", () => {
  it("is stale only when the page and the server both know their ids and they differ", () => {
    expect(isStalePage("build-a", "build-b")).toBe(true);
    expect(isStalePage("build-a", "build-a")).toBe(false);
    // A script (curl, the CLI) sends no id; a server built without one checks nothing.
    expect(isStalePage(null, "build-b")).toBe(false);
    expect(isStalePage("build-a", undefined)).toBe(false);
    expect(isStalePage("", "build-b")).toBe(false);
  });
});
