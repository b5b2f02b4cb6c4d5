import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanLatex, compareMath, extractAnswer, lastBoxed, referenceProblem } from "./math-answer";

// [answer, reference, equal?]. Decisions: a percentage is its value (50\% = 0.5) and, leniently, its bare
// number (50\% = 50); 0.5 is never 50; tuples are ordered, sets are not, intervals keep their bracket kinds.
const table: [string, string, boolean][] = [
  // integers and decimals
  ["72", "72", true],
  ["72.0", "72", true],
  ["072", "72", true],
  ["-3", "-3", true],
  ["3", "-3", false],
  ["71", "72", false],
  ["0.1", "0.10", true],
  ["0.1", "0.01", false],
  [".5", "0.5", true],
  ["1,000", "1000", true],
  ["1,234,567", "1234567", true],
  ["1{,}000", "1000", true],
  ["1000", "100", false],
  // fractions
  ["\\frac{1}{2}", "0.5", true],
  ["\\frac12", "0.5", true],
  ["\\dfrac{3}{4}", "0.75", true],
  ["\\tfrac{3}{4}", "\\frac{6}{8}", true],
  ["3/4", "\\frac{3}{4}", true],
  ["-\\frac{1}{3}", "-1/3", true],
  ["\\frac{1}{3}", "0.333", false],
  ["\\frac{2}{3}", "0.6667", false],
  ["\\frac{1}{2}", "\\frac{1}{3}", false],
  ["\\frac{10}{4}", "\\frac{5}{2}", true],
  // percentages
  ["50\\%", "0.5", true],
  ["50%", "\\frac{1}{2}", true],
  ["50\\%", "50", true],
  ["0.5", "50\\%", true],
  ["50", "50\\%", true],
  ["0.5", "50", false],
  ["25\\%", "0.5", false],
  // scientific notation
  ["1.5\\times10^{3}", "1500", true],
  ["1.5e3", "1500", true],
  ["1.5 \\cdot 10^3", "1500", true],
  ["6.02\\times10^{23}", "6.02e23", true],
  ["1.5\\times10^{4}", "1500", false],
  ["2e-3", "0.002", true],
  // simple LaTeX expressions
  ["\\sqrt{8}", "2\\sqrt{2}", true],
  ["\\sqrt{2}", "\\frac{2}{\\sqrt{2}}", true],
  ["\\sqrt{3}", "\\sqrt{2}", false],
  ["\\frac{\\pi}{2}", "\\pi/2", true],
  ["2\\pi", "6.283185307", true],
  ["\\pi", "3.14", false],
  ["2^{10}", "1024", true],
  ["x+1", "1+x", true],
  ["2x", "x+x", true],
  ["(x+1)^2", "x^2+2x+1", true],
  ["x^2-1", "(x-1)(x+1)", true],
  ["x^2+1", "(x+1)^2", false],
  ["\\left(\\frac{1}{2}\\right)", "0.5", true],
  ["\\$18", "18", true],
  ["10\\text{ cm}", "10", true],
  ["90^\\circ", "90", true],
  ["x = 3", "3", true],
  ["y=4", "3", false],
  ["\\infty", "\\infty", true],
  // tuples, sets and intervals
  ["(1,2)", "(1, 2)", true],
  ["(2,1)", "(1,2)", false],
  ["(0.5, \\frac{1}{3})", "(\\frac{1}{2}, \\frac13)", true],
  ["(1,2,3)", "(1,2)", false],
  ["3", "(1,2)", false],
  ["\\{1,2\\}", "\\{2,1\\}", true],
  ["\\{1,3\\}", "\\{1,2\\}", false],
  ["[1,2)", "[1, 2)", true],
  ["(1,2)", "[1,2)", false],
  ["[0, \\infty)", "[0,\\infty)", true],
  ["[0.5, 1]", "[\\frac{1}{2}, 1]", true],
  ["[0, 1]", "[0, 2]", false],
  ["1", "[0, 1]", false],
];

describe("compareMath: the equivalence table", () => {
  it("has at least 60 pairs, both kinds", () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
    expect(table.filter(([, , equal]) => !equal).length).toBeGreaterThanOrEqual(20);
  });
  it.each(table)("%s vs %s -> %s", (answer, reference, equal) => {
    const result = compareMath(answer, reference);
    expect(result.kind, result.how).toBe(equal ? "equal" : "different");
  });
  it("with percent: value, 50% is 0.5 but not 50", () => {
    const strict = { relTolerance: 1e-6, absTolerance: 1e-9, percent: "value" as const };
    expect(compareMath("50\\%", "0.5", strict).kind).toBe("equal");
    expect(compareMath("50\\%", "50", strict).kind).toBe("different");
  });
  it("applies the configured tolerance", () => {
    expect(compareMath("3.14", "3.14159").kind).toBe("different");
    expect(compareMath("3.14", "3.14159", { relTolerance: 1e-3, absTolerance: 0, percent: "lenient" }).kind).toBe("equal");
    expect(compareMath("0.6667", "\\frac{2}{3}", { relTolerance: 1e-4, absTolerance: 0, percent: "lenient" }).kind).toBe("equal");
  });
  it("reads GSM8K's worked answer as its final number", () => {
    expect(compareMath("72", "Natalia sold 48/2 = 24 clips in May.\n#### 72").kind).toBe("equal");
    expect(compareMath("24", "Natalia sold 48/2 = 24 clips in May.\n#### 72").kind).toBe("different");
  });
  it("names a reference that cannot be parsed", () => {
    const result = compareMath("1", "\\frac{");
    expect(result.kind).toBe("bad-reference");
    expect(result.how).toContain("\\frac{");
    expect(referenceProblem("\\frac{")).toMatch(/cannot be parsed as maths/);
    expect(referenceProblem("")).toBe("the reference answer is empty");
    expect(referenceProblem("\\frac{1}{2}")).toBeNull();
  });
});

describe("extractAnswer", () => {
  it("takes the last \\boxed{} with nested braces", () => {
    expect(extractAnswer("first \\boxed{1} then \\boxed{\\frac{1}{\\sqrt{2}}} done")).toEqual({ answer: "\\frac{1}{\\sqrt{2}}", method: "boxed" });
    expect(lastBoxed("\\boxed{\\{1, 2\\}}")).toBe("\\{1, 2\\}");
    expect(lastBoxed("\\boxed{unclosed")).toBeNull();
  });
  it("reads GSM8K's #### line", () => {
    expect(extractAnswer("48/2 = 24 clips in May.\n#### 72")).toEqual({ answer: "72", method: "gsm8k" });
  });
  it("reads 'the answer is ...' up to the end of the sentence, keeping decimals", () => {
    expect(extractAnswer("So the answer is $\\frac{3}{4}$. Great.")).toEqual({ answer: "$\\frac{3}{4}$", method: "answer-is" });
    expect(extractAnswer("The final answer is 3.25. Next")).toEqual({ answer: "3.25", method: "answer-is" });
    expect(extractAnswer("Final answer: 12")).toEqual({ answer: "12", method: "answer-is" });
  });
  it("falls back to the last number, and says so", () => {
    expect(extractAnswer("She has 3 apples and 4.5 pears, so 7.5 in all")).toEqual({ answer: "7.5", method: "last-number" });
    expect(extractAnswer("It grew by 12%")).toEqual({ answer: "12%", method: "last-number" });
    expect(extractAnswer("no numbers here")).toBeNull();
  });
});

describe("properties", () => {
  const settings = { numRuns: 60 };
  it("an integer equals itself written as a decimal, as a fraction of itself times k, and in \\boxed{}", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 1, max: 50 }), (n, k) => {
        expect(compareMath(`${n}.0`, String(n)).kind).toBe("equal");
        expect(compareMath(`\\frac{${n * k}}{${k}}`, String(n)).kind).toBe("equal");
        const extracted = extractAnswer(`Working... so \\boxed{${n}}.`);
        expect(extracted?.answer).toBe(String(n));
      }),
      settings,
    );
  });
  it("two different integers are never equal", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -1_000_000, max: 1_000_000 }), (a, b) => {
        fc.pre(a !== b);
        expect(compareMath(String(a), String(b)).kind).toBe("different");
      }),
      settings,
    );
  });
  it("comparison is symmetric for plain numbers", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b) => {
        const x = a.toFixed(4);
        const y = b.toFixed(4);
        expect(compareMath(x, y).kind).toBe(compareMath(y, x).kind);
      }),
      settings,
    );
  });
  it("thousands separators never change a value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), (n) => {
        expect(compareMath(n.toLocaleString("en-US"), String(n)).kind).toBe("equal");
      }),
      settings,
    );
  });
  it("cleanLatex is idempotent", () => {
    fc.assert(
      fc.property(fc.constantFrom("\\dfrac{1}{2}", "$3$", "1,000", "50%", "x = 3", "\\left(1\\right)", "90^\\circ"), (s) => {
        expect(cleanLatex(cleanLatex(s))).toBe(cleanLatex(s));
      }),
    );
  });
});
