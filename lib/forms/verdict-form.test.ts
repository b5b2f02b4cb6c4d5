import { describe, expect, it } from "vitest";
import { verdictFromForm } from "./verdict-form";

function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

describe("verdictFromForm", () => {
  it("reads a pairwise choice as a pairwise verdict", () => {
    const { shown, verdict } = verdictFromForm(form([["mode", "PAIRWISE"], ["shown", "a"], ["shown", "b"], ["verdict", "B"]]));
    expect(shown).toEqual(["a", "b"]);
    expect(verdict).toEqual({ kind: "pairwise", verdict: "B" });
  });

  it("puts the chosen best candidate first in a ranking and ties the rest below it", () => {
    const { verdict } = verdictFromForm(form([["mode", "RANKING"], ["shown", "a"], ["shown", "b"], ["shown", "c"], ["verdict", "c"]]));
    expect(verdict).toEqual({ kind: "ranking", order: ["c", "a", "b"], tiedWithAbove: [false, false, true], allBad: false });
  });

  it("reads ALL_BAD in a ranking set as all bad, in shown order", () => {
    const { verdict } = verdictFromForm(form([["mode", "RANKING"], ["shown", "a"], ["shown", "b"], ["verdict", "ALL_BAD"]]));
    expect(verdict).toEqual({ kind: "ranking", order: ["a", "b"], tiedWithAbove: [false, false], allBad: true });
  });
});
