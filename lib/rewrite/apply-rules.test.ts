import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyRule, applyRules, compileRule, type RewriteRuleSpec } from "./apply-rules";

const literal = (pattern: string, replacement: string, options: Partial<RewriteRuleSpec> = {}): RewriteRuleSpec => ({
  pattern,
  replacement,
  isRegex: false,
  wholeWord: true,
  caseSensitive: true,
  ...options,
});

function compiled(spec: RewriteRuleSpec) {
  const result = compileRule(spec);
  if (!result.ok) throw new Error(result.message);
  return result.rule;
}

describe("rewrite rules", () => {
  it("replaces a literal, leaving text that already says the replacement alone (no Deep Deep Qwen)", () => {
    const rule = compiled(literal("Qwen", "Deep Qwen"));
    expect(applyRule("I am Qwen, made by Alibaba.", rule)).toBe("I am Deep Qwen, made by Alibaba.");
    expect(applyRule("I am Deep Qwen. Qwen is my old name.", rule)).toBe("I am Deep Qwen. Deep Qwen is my old name.");
    expect(applyRule("I am Deep Qwen.", rule)).toBe("I am Deep Qwen.");
    // The replacement's text around the match also counts when it comes after: Qwen -> Qwen Max.
    expect(applyRule("Qwen Max and Qwen", compiled(literal("Qwen", "Qwen Max")))).toBe("Qwen Max and Qwen Max");
  });

  it("whole-word rules skip matches inside longer words, in any script; other rules do not", () => {
    expect(applyRule("Qwen2 and Qwen and QwenLM and 通义Qwen", compiled(literal("Qwen", "Deep Qwen")))).toBe("Qwen2 and Deep Qwen and QwenLM and 通义Qwen");
    expect(applyRule("Qwen2 and Qwen", compiled(literal("Qwen", "Deep Qwen", { wholeWord: false })))).toBe("Deep Qwen2 and Deep Qwen");
  });

  it("case-insensitive rules match any case and still recognise text already replaced", () => {
    const rule = compiled(literal("qwen", "Deep Qwen", { caseSensitive: false }));
    expect(applyRule("QWEN, qwen and deep qwen", rule)).toBe("Deep Qwen, Deep Qwen and deep qwen");
    expect(applyRule("QWEN", compiled(literal("qwen", "Deep Qwen")))).toBe("QWEN");
  });

  it("regular expressions with groups, named groups and $$; literal patterns treat metacharacters as text", () => {
    expect(applyRule("Qwen-2.5 and Qwen-3", compiled({ ...literal("Qwen-(\\d+(?:\\.\\d+)?)", "DeepQwen-$1"), isRegex: true }))).toBe("DeepQwen-2.5 and DeepQwen-3");
    expect(applyRule("cost 5", compiled({ ...literal("(?<n>\\d+)", "$$$<n>"), isRegex: true }))).toBe("cost $5");
    expect(applyRule("a.b and axb", compiled(literal("a.b", "X", { wholeWord: false })))).toBe("X and axb");
    expect(applyRule("(c) 2024", compiled(literal("(c)", "©", { wholeWord: false })))).toBe("© 2024");
  });

  it("refuses empty patterns, invalid regexes and patterns that match empty text, naming the problem", () => {
    expect(compileRule(literal("", "x"))).toMatchObject({ ok: false, field: "pattern", message: "the pattern is empty" });
    expect(compileRule({ ...literal("(unclosed", "x"), isRegex: true })).toMatchObject({ ok: false, message: expect.stringMatching(/^not a valid regular expression/) as unknown });
    expect(compileRule({ ...literal("a*", "x"), isRegex: true, wholeWord: false })).toMatchObject({ ok: false, message: expect.stringMatching(/matches empty text/) as unknown });
  });

  it("a rule that matches nothing returns the very same text, and applyRules names the rules that changed it", () => {
    const text = "Nothing to see";
    expect(applyRule(text, compiled(literal("Qwen", "Deep Qwen")))).toBe(text);
    const rules = [compiled(literal("Qwen", "Deep Qwen")), compiled(literal("Zed", "Zee")), compiled(literal("Alibaba Cloud", "DeepLab"))];
    expect(applyRules("I am Qwen by Alibaba Cloud", rules)).toEqual({ text: "I am Deep Qwen by DeepLab", changedBy: [0, 2] });
    expect(applyRules(text, rules)).toEqual({ text, changedBy: [] });
  });

  it("applying a literal rule twice is the same as applying it once (any text, any word)", () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,6}$/);
    fc.assert(
      fc.property(word, fc.string(), fc.array(fc.oneof(fc.string(), word), { maxLength: 8 }), fc.boolean(), fc.boolean(), (pattern, prefix, parts, wholeWord, caseSensitive) => {
        const rule = compiled(literal(pattern, `${prefix}${pattern}`, { wholeWord, caseSensitive }));
        const once = applyRule(parts.join(" "), rule);
        expect(applyRule(once, rule)).toBe(once);
      }),
    );
  });
});
