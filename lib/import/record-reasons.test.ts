import { describe, expect, it } from "vitest";
import { errorText } from "../i18n/translate";
import { parsePromptFile } from "./prompt-file-parser";
import { recordErrorKey } from "./record-error-key";
import type { RecordError } from "./types";

/** The error as the import panel shows it in a language: the problem's reason placed by line (or row) and field. */
function shown(locale: "en" | "zh-CN", error: RecordError): string {
  const problem = errorText(locale, error.problem.key, error.problem.params);
  return errorText(locale, recordErrorKey(error.unit, error.field), { line: String(error.line), field: error.field ?? "", problem });
}

describe("a refused record's reason (shown in the user's language)", () => {
  it("carries a key and params, and reads the same in English as the API's message", () => {
    const { errors } = parsePromptFile('{"messages":[{"role":"user","content":7}]}\n{"title":"x"}', "jsonl");
    expect(errors.map(({ line, unit, field, problem }) => ({ line, unit, field, problem }))).toEqual([
      { line: 1, unit: "line", field: "messages[0].content", problem: { key: "importRecord.expectedString", params: { got: "number" } } },
      { line: 2, unit: "line", field: undefined, problem: { key: "importRecord.noPrompt" } },
    ]);
    for (const error of errors) expect(shown("en", error)).toBe(error.message);
    expect(errors[0]!.message).toBe('line 1: field "messages[0].content": expected a string, got a number');
  });

  it("reads in Chinese, the kind of value translated too", () => {
    const { errors } = parsePromptFile('{"messages":[{"role":"user","content":7}]}', "jsonl");
    expect(shown("zh-CN", errors[0]!)).toBe('第 1 行：字段 "messages[0].content"：应为字符串，实际为数字');
  });

  it("counts CSV records by row", () => {
    const { errors } = parsePromptFile('prompt,answer\n"",x\n', "csv");
    expect(errors[0]).toMatchObject({ unit: "row", line: 2, problem: { key: "importRecord.emptyPrompt" } });
    expect(shown("zh-CN", errors[0]!)).toMatch(/^第 2 行：字段 "prompt"：提示为空$/);
  });

  it("words a JSON syntax mistake with its place", () => {
    const syntax = parsePromptFile('{"prompt": "a",}', "jsonl").errors[0]!;
    expect(syntax.problem.key).toBe("importRecord.jsonAtColumn");
    expect(syntax.message).toBe('line 1: invalid JSON at column 16: a comma before "}" leaves an empty property');
    expect(shown("en", syntax)).toBe(syntax.message);
    expect(shown("zh-CN", syntax)).toBe('第 1 行：第 16 列的 JSON 无效："}" 前的逗号留下了一个空属性');
    const multiline = parsePromptFile('[{"prompt": "a"\n\n x}]', "json").errors[0]!;
    expect(multiline.message).toBe('line 1: invalid JSON at line 3, column 2: expected "," or "}", got "x"');
    expect(shown("zh-CN", multiline)).toBe('第 1 行：第 3 行第 2 列的 JSON 无效：应为 "," 或 "}"，实际为 "x"');
    const control = parsePromptFile('[{"prompt": "a\nb"}]', "json").errors[0]!;
    expect(control.message).toBe("line 1: invalid JSON at column 14: a control character (such as a line break) inside a string must be escaped");
    expect(shown("zh-CN", control)).toBe("第 1 行：第 14 列的 JSON 无效：字符串中的控制字符（如换行）必须转义");
  });

  it("words CSV quoting mistakes", () => {
    const after = parsePromptFile('prompt,answer\n"a"b,x\n', "csv").errors[0]!;
    expect(after.message).toBe('row 2: column 1 has text after its closing quote (a quote inside a quoted field is written "")');
    expect(shown("zh-CN", after)).toBe('第 2 行：第 1 列在结束引号后还有文本（带引号字段内的引号写作 ""）');
    const open = parsePromptFile('prompt,answer\n"a,x\nb,y\n', "csv").errors[0]!;
    expect(shown("en", open)).toBe(open.message);
    expect(shown("zh-CN", open)).toMatch(/带引号的字段没有闭合（缺少一个 "），文件的其余部分都被当作它的一部分读取了$/);
  });

  it("words a prompt's own bad verifier checks, each with its place", () => {
    const { errors } = parsePromptFile('{"prompt": "q", "checks": [{"type": "regex", "pattern": "a", "flags": "g"}, {"type": "word-count"}]}', "jsonl");
    expect(errors[0]!.message).toBe('line 1: field "checks": [0].flags: only the flags i, m, s and u are allowed; [1].min: give min, max or both');
    expect(shown("en", errors[0]!)).toBe(errors[0]!.message);
    expect(shown("zh-CN", errors[0]!)).toBe('第 1 行：字段 "checks"：[0].flags：只允许标志 i、m、s 和 u；[1].min：请给出 min、max 或两者');
  });
});
