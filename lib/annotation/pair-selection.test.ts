import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eligiblePairs, mergeIdenticalCandidates, seededRandom, selectPair, shuffled, type SelectableCandidate } from "./pair-selection";

const c = (id: string, source: SelectableCandidate["source"] = "GENERATED", parentId: string | null = null): SelectableCandidate => ({ id, source, parentId });

describe("pair selection", () => {
  it("pairs a rule-derived candidate only with its source, never with the others", () => {
    const pairs = eligiblePairs([c("a"), c("b"), c("a2", "RULE_DERIVED", "a")]).map(([x, y]) => [x.id, y.id].sort().join(""));
    expect(pairs.sort()).toEqual(["aa2", "ab"]);
  });

  it("never shows human rewrites", () => {
    expect(eligiblePairs([c("a"), c("h", "HUMAN_REWRITE", "a")])).toEqual([]);
    expect(selectPair([c("a"), c("h", "HUMAN_REWRITE", "a")], [], Math.random)).toBeNull();
  });

  it("shows the rule-derived pair first, then spreads the rest evenly", () => {
    const candidates = [c("a"), c("b"), c("c"), c("a2", "RULE_DERIVED", "a")];
    const history: string[][] = [];
    const first = selectPair(candidates, history, seededRandom("x"))!;
    expect(first.map((x) => x.id).sort()).toEqual(["a", "a2"]);
    // Four eligible pairs (a-a2, a-b, a-c, b-c): after 40 judgments each was shown exactly 10 times.
    for (let i = 0; i < 40; i++) history.push(selectPair(candidates, history, seededRandom(String(i)))!.map((x) => x.id));
    const counts = new Map<string, number>();
    for (const pair of history) counts.set([...pair].sort().join("-"), (counts.get([...pair].sort().join("-")) ?? 0) + 1);
    expect([...counts.values()]).toEqual([10, 10, 10, 10]);
  });

  it("is reproducible for the same seed", () => {
    const candidates = [c("a"), c("b"), c("c")];
    expect(selectPair(candidates, [], seededRandom("lease-1"))).toEqual(selectPair(candidates, [], seededRandom("lease-1")));
  });

  it("shuffles into a permutation, and each item reaches every position", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 20 }), fc.string(), (items, seed) => {
        expect(shuffled(items, seededRandom(seed)).sort()).toEqual([...items].sort());
      }),
    );
    const firsts = new Set<string>();
    for (let i = 0; i < 200; i++) firsts.add(shuffled(["a", "b", "c"], seededRandom(`s${i}`))[0]!);
    expect(firsts).toEqual(new Set(["a", "b", "c"]));
  });

  it("puts A on the left about half of the time", () => {
    let left = 0;
    for (let i = 0; i < 2000; i++) if (shuffled(["a", "b"], seededRandom(`lease-${i}`))[0] === "a") left += 1;
    expect(left).toBeGreaterThan(900);
    expect(left).toBeLessThan(1100);
  });
});

describe("mergeIdenticalCandidates", () => {
  const c = (id: string, content: string, source: SelectableCandidate["source"] = "GENERATED", parentId: string | null = null) => ({ id, content, source, parentId });

  it("keeps the first of each text (trimmed), so identical answers are never a pair", () => {
    const merged = mergeIdenticalCandidates([c("a", "I am Qwen."), c("b", " I am Qwen.\n"), c("c", "I am Deep Qwen."), c("d", "I am Qwen.")]);
    expect(merged.map((candidate) => candidate.id)).toEqual(["a", "c"]);
    expect(eligiblePairs(merged).map(([x, y]) => `${x.id}${y.id}`)).toEqual(["ac"]);
  });

  it("compares a rule-derived answer with the stand-in of its merged source", () => {
    const merged = mergeIdenticalCandidates([c("a", "I am Qwen."), c("b", "I am Qwen."), c("d", "I am Deep Qwen.", "RULE_DERIVED", "b"), c("e", "Something else.")]);
    expect(merged.map((candidate) => [candidate.id, candidate.parentId])).toEqual([["a", null], ["d", "a"], ["e", null]]);
    expect(eligiblePairs(merged).map(([x, y]) => `${x.id}${y.id}`)).toEqual(["ad", "ae"]);
  });

  it("leaves distinct answers alone, in order", () => {
    const input = [c("a", "x"), c("b", "y"), c("c", "X")];
    expect(mergeIdenticalCandidates(input)).toEqual(input);
  });
});
