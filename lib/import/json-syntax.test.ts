import { describe, expect, it } from "vitest";
import { errorText } from "../i18n/translate";
import { findJsonSyntaxError } from "./json-syntax";

/** The mistake with its reason in English, as the API's message words it. */
function found(text: string) {
  const mistake = findJsonSyntaxError(text);
  return mistake && { offset: mistake.offset, message: errorText("en", mistake.reason.key, mistake.reason.params) };
}

describe("findJsonSyntaxError", () => {
  it.each([
    '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}}',
    "[]",
    ' {"nested": [[[{"deep": [0]}]]]} ',
  ])("finds nothing wrong in %s", (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it.each<[string, number, string]>([
    ["{'a': 1}", 1, `expected a property name in double quotes, got "'"`],
    ['{"a" 1}', 5, 'expected ":" after the property name, got "1"'],
    ['{"a": 1,}', 8, 'a comma before "}" leaves an empty property'],
    ["[1,]", 3, 'a comma before "]" leaves an empty element'],
    ['{"a": 1 "b": 2}', 8, 'expected "," or "}", got "\\""'],
    ["[1 2]", 3, 'expected "," or "]", got "2"'],
    ['{"a": hello}', 6, 'unexpected "h" where a value should be (strings need double quotes)'],
    ['{"a": "unterminated}', 6, "a string is not closed"],
    ['{"a": "bad \\x escape"}', 11, 'invalid escape "\\\\x" in a string'],
    ['{"a": "line\nbreak"}', 11, "a control character (such as a line break) inside a string must be escaped"],
    ['{"a": 1', 7, 'the record ends before its "{" is closed'],
    ['{"a": -}', 6, "invalid number"],
    ['{"a": 1} x', 9, 'unexpected "x" after the end of the record'],
    ["", 0, "the record ends where a value should be"],
  ])("finds the mistake in %j at offset %i", (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(found(text)).toEqual({ offset, message });
  });

  it("handles nesting far deeper than the call stack allows", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(199_999)}`;
    expect(found(deep)).toEqual({ offset: deep.length, message: 'the record ends before its "[" is closed' });
  });
});
