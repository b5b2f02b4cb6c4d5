/**
 * Instruction and format checks in the spirit of IFEval (Zhou et al., 2023): each is a pure function of
 * the response text. How things are counted is stated here and in the README, because "a word" and "a
 * bullet" are choices:
 * - a word is a run of letters or digits (with inner ' or -; 2.5 and 1,000 are one word), and each Han character counts as a word
 *   (Chinese has no spaces between words);
 * - characters are Unicode code points;
 * - a bullet is a line starting with `-`, `*`, `+` or `•` and a space (numbered lines are not bullets);
 * - the language share is Han characters / (Han + Latin letters), so digits, punctuation and spaces
 *   count for neither language.
 */

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+|[.,]\d+)*/gu;
const HAN = /\p{Script=Han}/u;

export function countWords(text: string): number {
  let count = 0;
  for (const match of text.matchAll(WORD)) {
    // "Deep Qwen是一个模型": each Han character is a word, and each non-Han stretch between them is one.
    const han = [...match[0]].filter((ch) => HAN.test(ch)).length;
    const others = match[0].split(/\p{Script=Han}/u).filter((part) => part !== "").length;
    count += han + others;
  }
  return count;
}

export function countCharacters(text: string): number {
  return [...text].length;
}

export function countBullets(text: string): number {
  return text.split("\n").filter((line) => /^\s*[-*+•]\s+\S/.test(line)).length;
}

export type LanguageShare = { han: number; latin: number; hanShare: number | null };

export function languageShare(text: string): LanguageShare {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    if (HAN.test(ch)) han++;
    else if (/\p{Script=Latin}/u.test(ch)) latin++;
  }
  return { han, latin, hanShare: han + latin === 0 ? null : han / (han + latin) };
}

/** The JSON value of a response, allowing one surrounding Markdown code fence (```json ... ```). */
export function parseJsonResponse(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const trimmed = text.trim();
  const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(trimmed);
  const body = fenced ? fenced[1]! : trimmed;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, problem: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Normalised comparison: Unicode NFKC, case folded, whitespace collapsed, trailing punctuation dropped. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!?。！？]+$/u, "")
    .trim();
}

export function includesText(haystack: string, needle: string, caseSensitive: boolean): boolean {
  return caseSensitive ? haystack.includes(needle) : haystack.toLowerCase().includes(needle.toLowerCase());
}
