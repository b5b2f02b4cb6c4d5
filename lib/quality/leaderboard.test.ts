import { describe, expect, it } from "vitest";
import { judgmentOutcomes, modelKey, newcombeDifference, wilsonInterval } from "./leaderboard";
import { toCsv } from "./csv";

describe("judgment outcomes", () => {
  it("turns a ranking into one outcome per pair of different models; ties and all-bad as half", () => {
    const out = judgmentOutcomes("p", [{ model: "A", rank: 1 }, { model: "B", rank: 2 }, { model: "C", rank: 1 }, { model: "A", rank: 3 }]);
    expect(out).toEqual([
      { promptId: "p", a: "A", b: "B", scoreA: 1 },
      { promptId: "p", a: "A", b: "C", scoreA: 0.5 },
      { promptId: "p", a: "B", b: "C", scoreA: 0 },
      { promptId: "p", a: "B", b: "A", scoreA: 1 },
      { promptId: "p", a: "C", b: "A", scoreA: 1 },
    ]);
    expect(judgmentOutcomes("p", [{ model: "A", rank: null }, { model: "B", rank: null }])).toEqual([{ promptId: "p", a: "A", b: "B", scoreA: 0.5 }]);
  });

  it("names models by endpoint and model, with human rewrites as their own row", () => {
    expect(modelKey({ source: "GENERATED", model: "qwen", endpointId: "e1" })).toBe("endpoint:e1:qwen");
    expect(modelKey({ source: "HUMAN_REWRITE", model: null, endpointId: null })).toBe("human:rewrite");
    expect(modelKey({ source: "SAMPLE", model: null, endpointId: null })).toBe("source:SAMPLE");
  });

  it("Wilson interval: 8 of 10 gives [0.490, 0.943] (by hand: (0.8 + 1.92/10 ± 1.96 sqrt(0.016 + 0.0096)) / 1.384)", () => {
    const interval = wilsonInterval(8, 10)!;
    expect(interval.low).toBeCloseTo(0.4902, 3);
    expect(interval.high).toBeCloseTo(0.9433, 3);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("CSV", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], [null, 0.5], ["=SUM(A1)", -1]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n,0.5\r\n\'=SUM(A1),-1\r\n');
  });
});

describe("Newcombe's interval for a difference of proportions", () => {
  it("matches Newcombe (1998), Table II example (a): 56/70 - 48/80 = 0.2000, method 10: 0.0524 to 0.3339", () => {
    const result = newcombeDifference(56, 70, 48, 80)!;
    expect(result.difference).toBeCloseTo(0.2, 10);
    expect(result.low).toBeCloseTo(0.0524, 4);
    expect(result.high).toBeCloseTo(0.3339, 4);
    expect(newcombeDifference(1, 0, 1, 2)).toBeNull();
  });
});
