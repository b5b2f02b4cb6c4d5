/**
 * The final answer of a worked maths solution, as the field's datasets write it: GSM8K ends its
 * `answer` with `#### 72`; MATH puts it in the last `\boxed{...}` (or `\fbox{...}`) of `solution`.
 */
export type FinalAnswer = { answer: string; how: "gsm8k" | "boxed" };

const GSM8K_MARK = /####\s*([^\n]*?)\s*$/;

export function extractFinalAnswer(text: string): FinalAnswer | undefined {
  const gsm8k = GSM8K_MARK.exec(text.trimEnd());
  if (gsm8k && gsm8k[1] !== undefined && gsm8k[1] !== "") {
    // GSM8K writes thousands with commas in some answers ("1,000"); the number is the same without them.
    return { answer: /^-?[\d,]+(\.\d+)?$/.test(gsm8k[1]) ? gsm8k[1].replace(/,/g, "") : gsm8k[1], how: "gsm8k" };
  }
  const boxed = lastBoxed(text);
  return boxed === undefined || boxed.trim() === "" ? undefined : { answer: boxed.trim(), how: "boxed" };
}

/** The content of the last `\boxed{...}` / `\fbox{...}`, braces balanced (answers such as `\frac{1}{2}` nest them). */
export function lastBoxed(text: string): string | undefined {
  const opener = /\\(?:boxed|fbox)\s*\{/g;
  let found: string | undefined;
  for (let match = opener.exec(text); match !== null; match = opener.exec(text)) {
    let depth = 1;
    let index = match.index + match[0].length;
    const start = index;
    for (; index < text.length && depth > 0; index += 1) {
      const char = text[index];
      if (char === "\\") index += 1; // an escaped brace \{ does not open or close anything
      else if (char === "{") depth += 1;
      else if (char === "}") depth -= 1;
    }
    if (depth === 0) found = text.slice(start, index - 1);
  }
  return found;
}
