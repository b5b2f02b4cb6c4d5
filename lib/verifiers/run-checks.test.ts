import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSchema, parseCheckList, resolveChecks, type CheckInput } from "./config";
import { runCheck, runChecks } from "./run-checks";
import { countBullets, countWords, languageShare } from "./text-checks";

const check = (input: CheckInput) => checkSchema.parse(input);

describe("instruction checks", () => {
  it("identity: must say Deep Qwen, must not say I am Qwen", () => {
    const checks = [check({ type: "must-include", texts: ["Deep Qwen"] }), check({ type: "must-not-include", texts: ["I am Qwen"] })];
    const good = runChecks(checks, "Hello! I am Deep Qwen, a helpful assistant.", null);
    expect(good.map((r) => r.passed)).toEqual([true, true]);
    const bad = runChecks(checks, "i am qwen, created by Alibaba Cloud.", null);
    expect(bad.map((r) => r.passed)).toEqual([false, false]);
    expect(bad[1]!.reason).toContain('"I am Qwen"');
    // "I am Deep Qwen" does not contain "I am Qwen"
    expect(runChecks(checks, "I am Deep Qwen.", null).map((r) => r.passed)).toEqual([true, true]);
  });
  it("must-include any of several", () => {
    const c = check({ type: "must-include", texts: ["Deep Qwen", "深度千问"], match: "any" });
    expect(runCheck(c, "我是深度千问", null).passed).toBe(true);
    expect(runCheck(c, "我是千问", null).passed).toBe(false);
  });
  it("word and character bounds", () => {
    expect(countWords("I'm Deep Qwen, version 2.5 -- well-known.")).toBe(6);
    expect(countWords("我是Deep Qwen")).toBe(4);
    expect(runCheck(check({ type: "word-count", min: 3, max: 5 }), "one two three four", null).passed).toBe(true);
    expect(runCheck(check({ type: "word-count", max: 3 }), "one two three four", null)).toMatchObject({ passed: false, reason: "4 words (at most 3 wanted)" });
    expect(runCheck(check({ type: "char-count", min: 3, max: 3 }), "你好吗", null).passed).toBe(true);
    expect(runCheck(check({ type: "char-count", min: 4 }), "你好吗", null).passed).toBe(false);
  });
  it("language share: Chinese vs English letters", () => {
    expect(languageShare("我是Deep Qwen").hanShare).toBeCloseTo(2 / 10);
    const zh = check({ type: "language", language: "zh" });
    expect(runCheck(zh, "我是深度千问，一个由团队训练的助手。", null).passed).toBe(true);
    expect(runCheck(zh, "I am Deep Qwen, 一个助手", null).passed).toBe(false);
    expect(runCheck(check({ type: "language", language: "en", minShare: 0.9 }), "I am Deep Qwen.", null).passed).toBe(true);
    expect(runCheck(zh, "12345 !!!", null)).toMatchObject({ passed: false, reason: "no letters to judge the language by" });
  });
  it("starts / ends with", () => {
    expect(runCheck(check({ type: "starts-with", text: "Sure" }), "  Sure, here it is.", null).passed).toBe(true);
    expect(runCheck(check({ type: "ends-with", text: "Is there anything else?" }), "Done. Is there anything else?\n", null).passed).toBe(true);
    expect(runCheck(check({ type: "ends-with", text: "bye", caseSensitive: false }), "Good BYE", null).passed).toBe(true);
    expect(runCheck(check({ type: "starts-with", text: "Sure" }), "sure", null).passed).toBe(false);
  });
  it("bullet points", () => {
    const text = "Intro\n- one\n* two\n  + three\n• four\n1. not a bullet\n-not a bullet either";
    expect(countBullets(text)).toBe(4);
    expect(runCheck(check({ type: "bullet-count", min: 4, max: 4 }), text, null).passed).toBe(true);
    expect(runCheck(check({ type: "bullet-count", min: 5 }), text, null).passed).toBe(false);
  });
  it("valid JSON, fenced or not", () => {
    const c = check({ type: "valid-json" });
    expect(runCheck(c, '{"a": 1}', null).passed).toBe(true);
    expect(runCheck(c, '```json\n{"a": 1}\n```', null).passed).toBe(true);
    const bad = runCheck(c, "{a: 1}", null);
    expect(bad.passed).toBe(false);
    expect(bad.reason).toMatch(/^not valid JSON/);
  });
});

describe("expected-output checks", () => {
  it("exact and normalised match against the reference or a given text", () => {
    expect(runCheck(check({ type: "exact" }), "  PARIS. ", "Paris").passed).toBe(true);
    expect(runCheck(check({ type: "exact", mode: "exact" }), "Paris.", "Paris").passed).toBe(false);
    expect(runCheck(check({ type: "exact", expected: "ｙｅｓ" }), "Yes", null).passed).toBe(true);
    expect(runCheck(check({ type: "exact" }), "Paris", null)).toMatchObject({ passed: null });
  });
  it("regex must match / must not match", () => {
    expect(runCheck(check({ type: "regex", pattern: "^\\d{3}-\\d{4}$" }), "555-1234", null).passed).toBe(true);
    expect(runCheck(check({ type: "regex", pattern: "qwen", flags: "i", mustMatch: false }), "I am QWEN", null).passed).toBe(false);
  });
  it("JSON Schema (2020-12) with the reasons", () => {
    const c = check({ type: "json-schema", schema: { type: "object", required: ["name", "age"], properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } } } });
    expect(runCheck(c, '{"name": "Ada", "age": 36}', null).passed).toBe(true);
    const bad = runCheck(c, '{"name": "Ada", "age": -1}', null);
    expect(bad.passed).toBe(false);
    expect(bad.reason).toContain("/age must be >= 0");
    expect(runCheck(c, "not json", null).reason).toMatch(/^not valid JSON/);
  });
});

describe("maths check", () => {
  const math = check({ type: "math" });
  it("extracts, compares and reports", () => {
    const result = runCheck(math, "48 / 2 = 24, and 48 + 24 = 72.\nSo the answer is \\boxed{72}.", "72");
    expect(result).toMatchObject({ passed: true, score: 1, extractedAnswer: "72", details: { method: "boxed" } });
    expect(runCheck(math, "The answer is 70.", "72")).toMatchObject({ passed: false, score: 0, extractedAnswer: "70" });
  });
  it("undecided without a usable reference, with a message naming it", () => {
    expect(runCheck(math, "\\boxed{1}", null)).toMatchObject({ passed: null, score: null, reason: "no reference answer for this prompt" });
    const bad = runCheck(math, "\\boxed{1}", "\\frac{");
    expect(bad.passed).toBeNull();
    expect(bad.reason).toBe('the reference answer "\\frac{" cannot be parsed as maths (read as "\\frac{")');
  });
  it("versions change with the check and the reference, not with the text", () => {
    const a = runCheck(math, "\\boxed{1}", "1");
    expect(runCheck(math, "\\boxed{2}", "1").version).toBe(a.version);
    expect(runCheck(math, "\\boxed{1}", "2").version).not.toBe(a.version);
    expect(runCheck(check({ type: "math", relTolerance: 1e-3 }), "\\boxed{1}", "1").version).not.toBe(a.version);
    expect(a.version).toMatch(/^math@1-[0-9a-f]{12}$/);
    // checks that do not read the reference keep their version when it changes
    const include = check({ type: "must-include", texts: ["x"] });
    expect(runCheck(include, "x", "1").version).toBe(runCheck(include, "x", "2").version);
  });
  it("is deterministic", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: -50, max: 50 }), (text, n) => {
        expect(runCheck(math, text, String(n))).toEqual(runCheck(math, text, String(n)));
      }),
      { numRuns: 50 },
    );
  });
});

describe("configuration", () => {
  it("parses a list (or { checks }) from JSON and fills defaults", () => {
    const parsed = parseCheckList('{"checks":[{"type":"math"},{"type":"must-include","texts":["Deep Qwen"]}]}');
    expect(parsed.ok && parsed.checks[0]).toMatchObject({ type: "math", relTolerance: 1e-6, percent: "lenient", enabled: true });
    expect(parseCheckList("").ok).toBe(true);
  });
  it("names every problem with its place", () => {
    const cases: [unknown, string][] = [
      ["{not json", "checks: not valid JSON"],
      [{ type: "math" }, "checks: expected a list of checks"],
      [[{ type: "nope" }], 'checks[0].type: "type" must be one of math, exact'],
      [[{ type: "regex", pattern: "(" }], "checks[0].pattern: not a valid regular expression"],
      [[{ type: "word-count" }], "checks[0].min: give min, max or both"],
      [[{ type: "word-count", min: 5, max: 2 }], "checks[0].max: must be at least min"],
      [[{ type: "json-schema", schema: { type: "nonsense" } }], "checks[0].schema: not a valid JSON Schema"],
      [[{ type: "language", language: "fr" }], 'checks[0].language: must be "zh" (Chinese) or "en" (English)'],
      [[{ type: "math" }, { type: "math" }], 'checks[1].name: "math" is already the name of check 0'],
      [[{ type: "math", tolerance: 1 }], "checks[0]: Unrecognized key"],
    ];
    for (const [input, message] of cases) {
      const parsed = parseCheckList(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(message);
    }
  });
  it("a prompt's checks replace the set's by name, add new ones and can turn one off", () => {
    const set = [check({ type: "math" }), check({ type: "must-include", texts: ["Deep Qwen"] }), check({ type: "valid-json" })];
    const prompt = [check({ type: "math", relTolerance: 0.01 }), check({ type: "valid-json", enabled: false }), check({ type: "language", language: "zh" })];
    const resolved = resolveChecks(set, prompt);
    expect(resolved.map((c) => c.type)).toEqual(["math", "must-include", "language"]);
    expect(resolved[0]).toMatchObject({ relTolerance: 0.01 });
  });
});
