import { describe, expect, it } from "vitest";
import { errorText } from "../i18n/translate";
import { goldRanks, type Gold } from "./gold";

const X = "00000000-0000-4000-8000-000000000001";
const Y = "00000000-0000-4000-8000-000000000002";
const Z = "00000000-0000-4000-8000-000000000003";

function problemOf(mode: "PAIRWISE" | "RANKING", gold: Gold) {
  const ranks = goldRanks(mode, gold);
  if (ranks instanceof Map) throw new Error("expected a problem with the gold verdict");
  return ranks;
}

describe("a gold verdict's problem (shown in the user's language)", () => {
  it.each<["PAIRWISE" | "RANKING", Gold, string, string, string]>([
    ["RANKING", { shown: [X, Y], verdict: { kind: "pairwise", verdict: "TIE" } }, "gold.verdict", "gold.verdict: this prompt set is judged by ranking.", "gold.verdict：这个提示集采用排序评判。"],
    ["PAIRWISE", { shown: [X, Y], verdict: { kind: "ranking", order: [X, Y], tiedWithAbove: [false, false], allBad: false } }, "gold.verdict", "gold.verdict: this prompt set is judged by pairwise choice.", "gold.verdict：这个提示集采用成对比较评判。"],
    ["PAIRWISE", { shown: [X, X], verdict: { kind: "pairwise", verdict: "A" } }, "gold.shown", "gold.shown: must list distinct candidates.", "gold.shown：候选回答不能重复。"],
    ["PAIRWISE", { shown: [X, Y, Z], verdict: { kind: "pairwise", verdict: "A" } }, "gold.shown", "gold.shown: a pairwise verdict is between exactly two candidates.", "gold.shown：成对评判只能在两个候选回答之间进行。"],
  ])("%s, %j", (mode, gold, field, english, chinese) => {
    const problem = problemOf(mode, gold);
    expect(problem.field).toBe(field);
    expect(problem.message).toBe(english);
    expect(errorText("en", problem.reason.key, problem.reason.params)).toBe(english);
    expect(errorText("zh-CN", problem.reason.key, problem.reason.params)).toBe(chinese);
    // The field's own reason is the problem without its place.
    expect(errorText("zh-CN", problem.problem.key, problem.problem.params)).toBe(chinese.slice(field.length + 1));
  });

  it("says a ranking that does not rank every shown candidate once in words, in both languages", () => {
    const problem = problemOf("RANKING", { shown: [X, Y], verdict: { kind: "ranking", order: [X, X], tiedWithAbove: [false, false], allBad: false } });
    expect(problem.field).toBe("gold.verdict.order");
    expect(problem.problem).toEqual({ key: "field.rankEveryOnce" });
    expect(problem.message).toBe("gold.verdict.order: must rank every shown candidate once");
    expect(errorText("zh-CN", problem.reason.key, problem.reason.params)).toBe("gold.verdict.order：每个展示的候选回答都必须排序且只排一次");
  });
});
