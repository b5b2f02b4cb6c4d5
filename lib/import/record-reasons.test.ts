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

  it("counts CSV records by row, and keeps a problem without a key as English text inside a translated frame", () => {
    const { errors } = parsePromptFile('prompt,answer\n"",x\n', "csv");
    expect(errors[0]).toMatchObject({ unit: "row", line: 2, problem: { key: "importRecord.emptyPrompt" } });
    expect(shown("zh-CN", errors[0]!)).toMatch(/^第 2 行：字段 "prompt"：提示为空$/);
    const syntax = parsePromptFile('{"prompt": "a",}', "jsonl").errors[0]!;
    expect(syntax.problem.key).toBe("field.text");
    expect(shown("zh-CN", syntax)).toMatch(/^第 1 行：invalid JSON/);
  });
});
