import { reasonListMessage, type FieldReason } from "../schemas/field-message";

/** Where the first mistake is, and what it is as a reason (errors.importRecord.json*). */
export type JsonSyntaxError = { offset: number; reason: FieldReason };

function mistake(offset: number, key: Extract<FieldReason["key"], `importRecord.json${string}`>, params?: FieldReason["params"]): JsonSyntaxError {
  return { offset, reason: params ? { key, params } : { key } };
}

type Expecting = "value" | "value-or-close" | "key" | "key-or-close" | "colon" | "comma-or-close" | "end";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const LITERALS = ["true", "false", "null"];

/**
 * Finds the first syntax error in text that JSON.parse rejected. V8's own messages give no position
 * for some errors ("Unexpected token"), quote the whole record back, and change between Node versions;
 * a person fixing line 80 000 needs a column and a plain reason. Iterative, so deep nesting cannot
 * overflow the stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ("object" | "array")[] = [];
  let expecting: Expecting = "value";
  let i = 0;
  const afterValue = (): Expecting => (stack.length === 0 ? "end" : "comma-or-close");

  for (;;) {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i += 1;
    if (i >= text.length) {
      if (expecting === "end") return undefined;
      const open = stack.at(-1);
      return open ? mistake(i, "importRecord.jsonEndsBeforeClosed", { bracket: open === "object" ? '"{"' : '"["' }) : mistake(i, "importRecord.jsonEndsWhereValue");
    }
    const char = text.charAt(i);
    switch (expecting) {
      case "value":
      case "value-or-close": {
        if (char === "]" && stack.at(-1) === "array") {
          if (expecting === "value") return mistake(i, "importRecord.jsonEmptyElement");
          stack.pop();
          expecting = afterValue();
          i += 1;
        } else if (char === "{" || char === "[") {
          stack.push(char === "{" ? "object" : "array");
          expecting = char === "{" ? "key-or-close" : "value-or-close";
          i += 1;
        } else if (char === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return end;
          i = end;
          expecting = afterValue();
        } else if (char === "-" || (char >= "0" && char <= "9")) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return mistake(i, "importRecord.jsonInvalidNumber");
          i = NUMBER.lastIndex;
          expecting = afterValue();
        } else {
          const literal = LITERALS.find((word) => text.startsWith(word, i));
          if (!literal) return mistake(i, "importRecord.jsonUnexpectedValue", { char: describeChar(char) });
          i += literal.length;
          expecting = afterValue();
        }
        break;
      }
      case "key":
      case "key-or-close": {
        if (char === "}") {
          if (expecting === "key") return mistake(i, "importRecord.jsonEmptyProperty");
          stack.pop();
          expecting = afterValue();
          i += 1;
        } else if (char === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return end;
          i = end;
          expecting = "colon";
        } else {
          return mistake(i, "importRecord.jsonExpectedName", { char: describeChar(char) });
        }
        break;
      }
      case "colon": {
        if (char !== ":") return mistake(i, "importRecord.jsonExpectedColon", { char: describeChar(char) });
        expecting = "value";
        i += 1;
        break;
      }
      case "comma-or-close": {
        const open = stack.at(-1);
        const close = open === "object" ? "}" : "]";
        if (char === ",") {
          expecting = open === "object" ? "key" : "value";
          i += 1;
        } else if (char === close) {
          stack.pop();
          expecting = afterValue();
          i += 1;
        } else {
          return mistake(i, "importRecord.jsonExpectedCommaOr", { close, char: describeChar(char) });
        }
        break;
      }
      case "end":
        return mistake(i, "importRecord.jsonAfterEnd", { char: describeChar(char) });
    }
  }
}

/** Returns the offset after the closing quote, or the error inside the string. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const char = text.charAt(i);
    if (char === '"') return i + 1;
    if (char === "\\") {
      const escape = text.charAt(i + 1);
      if ('"\\/bfnrt'.includes(escape) && escape !== "") i += 2;
      else if (escape === "u" && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
      else return mistake(i, "importRecord.jsonInvalidEscape", { escape: JSON.stringify(`\\${escape}`) });
    } else if (char.charCodeAt(0) < 0x20) {
      return mistake(i, "importRecord.jsonControlChar");
    } else {
      i += 1;
    }
  }
  return mistake(start, "importRecord.jsonStringNotClosed");
}

/** A character as a param: quoted, or a line break in words (a reason, translated with the message). */
function describeChar(char: string): string {
  if (char === "\n" || char === "\r") return reasonListMessage([{ key: "importRecord.lineBreak" }]);
  return JSON.stringify(char);
}
