import { describe, expect, it } from "vitest";
import { errorText } from "../i18n/translate";
import { parseCheckList } from "./config";

/** A refused check list as the form shows it in a language. */
function shown(locale: "en" | "zh-CN", input: unknown, root?: string): string {
  const parsed = parseCheckList(input, root);
  if (parsed.ok) throw new Error("expected the check list to be refused");
  return errorText(locale, parsed.reason.key, parsed.reason.params);
}

describe("a refused check list's reason (shown in the user's language)", () => {
  it("reads in English exactly as the API's message, every problem with its place", () => {
    const input = [{ type: "regex", pattern: "(" }, { type: "word-count", min: 5, max: 2 }, { type: "math", relTolerance: 0.9 }];
    const parsed = parseCheckList(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(/^checks\[0\]\.pattern: not a valid regular expression: .+; checks\[1\]\.max: must be at least min; checks\[2\]\.relTolerance: must be at most 0\.5$/);
    expect(shown("en", input)).toBe(parsed.message);
    expect(parsed.reason.key).toBe("field.problemList");
  });

  it("reads in Chinese, the engine's detail kept as it is", () => {
    const zh = shown("zh-CN", [{ type: "regex", pattern: "(" }, { type: "word-count", min: 5, max: 2 }, { type: "math", relTolerance: 0.9 }]);
    expect(zh).toMatch(/^checks\[0\]\.pattern：不是有效的正则表达式：Invalid regular expression.+；checks\[1\]\.max：不能小于 min；checks\[2\]\.relTolerance：不能大于 0\.5$/);
  });

  it.each<[unknown, string, string]>([
    ["{not json", "checks: not valid JSON: ", "checks：不是有效的 JSON："],
    [{ type: "math" }, 'checks: expected a list of checks ([{ "type": "math" }, ...])', 'checks：应为检查列表（[{ "type": "math" }, ...]）'],
    [[{ type: "nope" }], 'checks[0].type: "type" must be one of math, exact, regex', 'checks[0].type："type" 必须是以下之一：math, exact, regex'],
    [[{ type: "word-count" }], "checks[0].min: give min, max or both", "checks[0].min：请给出 min、max 或两者"],
    [[{ type: "word-count", min: 1.5 }], "checks[0].min: must be a whole number", "checks[0].min：必须是整数"],
    [[{ type: "char-count", max: -1 }], "checks[0].max: must not be negative", "checks[0].max：不能为负数"],
    [[{ type: "json-schema", schema: { type: "nonsense" } }], "checks[0].schema: not a valid JSON Schema: ", "checks[0].schema：不是有效的 JSON Schema："],
    [[{ type: "language", language: "fr" }], 'checks[0].language: must be "zh" (Chinese) or "en" (English)', 'checks[0].language：必须是 "zh"（中文）或 "en"（英文）'],
    [[{ type: "language", language: "zh", minShare: 2 }], "checks[0].minShare: must be between 0 and 1", "checks[0].minShare：必须在 0 到 1 之间"],
    [[{ type: "must-include", texts: [] }], "checks[0].texts: give at least one text", "checks[0].texts：请至少给出一段文本"],
    [[{ type: "must-include", texts: [""] }], "checks[0].texts[0]: must not be empty", "checks[0].texts[0]：不能为空"],
    [[{ type: "regex", pattern: "a", flags: "g" }], "checks[0].flags: only the flags i, m, s and u are allowed", "checks[0].flags：只允许标志 i、m、s 和 u"],
    [[{ type: "regex", pattern: "a".repeat(1001) }], "checks[0].pattern: must be at most 1,000 characters", "checks[0].pattern：最多 1,000 个字符"],
    [[{ type: "math", name: " " }], "checks[0].name: must not be empty", "checks[0].name：不能为空"],
    [[{ type: "math" }, { type: "math" }], 'checks[1].name: "math" is already the name of check 0; give each check its own name', 'checks[1].name："math" 已是第 0 项检查的名称；请为每项检查取不同的名称'],
    [Array.from({ length: 51 }, (_, i) => ({ type: "math", name: `m${i}` })), "checks: at most 50 checks", "checks：最多 50 项检查"],
  ])("%s: in English and Chinese", (input, english, chinese) => {
    const parsed = parseCheckList(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message.slice(0, english.length)).toBe(english);
    expect(shown("en", input)).toBe(parsed.message);
    expect(shown("zh-CN", input).slice(0, chinese.length)).toBe(chinese);
  });

  it("with root \"\" names places relative to the field, and a problem of the whole list with none", () => {
    expect(parseCheckList([{ type: "regex", pattern: "(" }], "")).toMatchObject({ ok: false, message: expect.stringMatching(/^\[0\]\.pattern: not a valid regular expression: /) });
    expect(parseCheckList("[", "")).toMatchObject({ ok: false, message: expect.stringMatching(/^not valid JSON: /) });
    expect(shown("zh-CN", { type: "math" }, "")).toBe('应为检查列表（[{ "type": "math" }, ...]）');
  });

  it("keeps zod's own message (an unknown key) as its text, placed", () => {
    expect(shown("zh-CN", [{ type: "math", tolerance: 1 }])).toMatch(/^checks\[0\]：Unrecognized key/);
  });
});
