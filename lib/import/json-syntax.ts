export type JsonSyntaxError = { offset: number; message: string };

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
      return { offset: i, message: open ? `the record ends before its ${open === "object" ? '"{"' : '"["'} is closed` : "the record ends where a value should be" };
    }
    const char = text.charAt(i);
    switch (expecting) {
      case "value":
      case "value-or-close": {
        if (char === "]" && stack.at(-1) === "array") {
          if (expecting === "value") return { offset: i, message: 'a comma before "]" leaves an empty element' };
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
          if (!NUMBER.test(text)) return { offset: i, message: "invalid number" };
          i = NUMBER.lastIndex;
          expecting = afterValue();
        } else {
          const literal = LITERALS.find((word) => text.startsWith(word, i));
          if (!literal) return { offset: i, message: `unexpected ${describeChar(char)} where a value should be (strings need double quotes)` };
          i += literal.length;
          expecting = afterValue();
        }
        break;
      }
      case "key":
      case "key-or-close": {
        if (char === "}") {
          if (expecting === "key") return { offset: i, message: 'a comma before "}" leaves an empty property' };
          stack.pop();
          expecting = afterValue();
          i += 1;
        } else if (char === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return end;
          i = end;
          expecting = "colon";
        } else {
          return { offset: i, message: `expected a property name in double quotes, got ${describeChar(char)}` };
        }
        break;
      }
      case "colon": {
        if (char !== ":") return { offset: i, message: `expected ":" after the property name, got ${describeChar(char)}` };
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
          return { offset: i, message: `expected "," or "${close}", got ${describeChar(char)}` };
        }
        break;
      }
      case "end":
        return { offset: i, message: `unexpected ${describeChar(char)} after the end of the record` };
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
      else return { offset: i, message: `invalid escape ${JSON.stringify(`\\${escape}`)} in a string` };
    } else if (char.charCodeAt(0) < 0x20) {
      return { offset: i, message: "a control character (such as a line break) inside a string must be escaped" };
    } else {
      i += 1;
    }
  }
  return { offset: start, message: "a string is not closed" };
}

function describeChar(char: string): string {
  if (char === "\n" || char === "\r") return "a line break";
  return JSON.stringify(char);
}
