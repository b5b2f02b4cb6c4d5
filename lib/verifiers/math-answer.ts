import { ComputeEngine, type BoxedExpression } from "@cortex-js/compute-engine";

/**
 * The maths-answer verifier: find the final answer in a model's response and compare it by value with
 * the prompt's reference. Parsing and equivalence are the Compute Engine's (LaTeX in, MathJSON out,
 * `isEqual` for symbolic equality); this file only finds the answer, cleans the LaTeX habits the engine
 * does not read (`\dfrac`, `\left(`, `$...$`, `1{,}000`) and applies the numeric tolerance.
 *
 * Decisions (also in the README):
 * - `\frac{1}{2}`, `0.5`, `1/2` and `50\%` are all equal: a percentage is its value (50% = 0.5).
 *   With `percent: "lenient"` (the default) a percentage also equals its bare number (50% = 50), the
 *   way Hendrycks' MATH normalisation strips `\%`, because "what percent ..." references are often
 *   written without the sign. `0.5` and `50` are never equal.
 * - Numbers are compared with |a - b| <= max(absTolerance, relTolerance * max(|a|, |b|)).
 * - A tuple `(1, 2)` is ordered; an interval keeps its bracket kinds (`[1, 2)` is not `(1, 2)`);
 *   a set `\{1, 2\}` is unordered.
 * - When the engine cannot decide (symbolic expressions it cannot prove equal or different) and both
 *   sides have no free variables it compares their numeric values; otherwise it samples free variables
 *   at fixed points. Nothing is ever guessed from text similarity.
 */

export type MathOptions = {
  relTolerance: number;
  absTolerance: number;
  percent: "lenient" | "value";
};

export const defaultMathOptions: MathOptions = { relTolerance: 1e-6, absTolerance: 1e-9, percent: "lenient" };

export type ExtractionMethod = "boxed" | "gsm8k" | "answer-is" | "last-number" | "whole";
export type ExtractedAnswer = { answer: string; method: ExtractionMethod };

let engine: ComputeEngine | undefined;
function ce(): ComputeEngine {
  engine ??= new ComputeEngine();
  return engine;
}

/** The content of the last `\boxed{...}` / `\fbox{...}`, braces balanced; null when there is none or it is unclosed. */
export function lastBoxed(text: string): string | null {
  const re = /\\(?:boxed|fbox)\s*\{/g;
  let found: string | null = null;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    let depth = 1;
    let i = match.index + match[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      const ch = text[i];
      if (ch === "\\") i++; // skip escaped characters such as \{ and \}
      else if (ch === "{") depth++;
      else if (ch === "}") depth--;
    }
    if (depth === 0) found = text.slice(start, i - 1);
  }
  return found;
}

const NUMBER = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+`;
const LAST_NUMBER = new RegExp(String.raw`(?:${NUMBER})(?:\s*/\s*\d+)?\s*(?:\\?%)?`, "g");

/**
 * Finds the final answer in a response, in this order: the last `\boxed{}`; GSM8K's `#### 72`;
 * the last "the answer is ..." / "final answer: ..."; then, as a stated fallback, the last number.
 */
export function extractAnswer(text: string): ExtractedAnswer | null {
  const boxed = lastBoxed(text);
  if (boxed !== null && boxed.trim() !== "") return { answer: boxed.trim(), method: "boxed" };

  const gsm = [...text.matchAll(/^\s*####\s*(.+?)\s*$/gm)].at(-1);
  if (gsm?.[1]) return { answer: gsm[1], method: "gsm8k" };

  const stated = [...text.matchAll(/(?:the\s+(?:final\s+)?answer\s+is|final\s+answer\s*(?:is)?\s*[:：]?)\s*[:：]?\s*(.+)/gi)].at(-1);
  if (stated?.[1]) {
    const answer = cutSentence(stated[1]);
    if (answer !== "") return { answer, method: "answer-is" };
  }

  const numbers = [...text.matchAll(LAST_NUMBER)];
  const last = numbers.at(-1)?.[0]?.trim();
  if (last) return { answer: last, method: "last-number" };
  return null;
}

/** "the answer is $\frac{3}{4}$. So ..." -> "$\frac{3}{4}$": up to a sentence end outside maths, or the line end. */
function cutSentence(rest: string): string {
  const line = rest.split("\n")[0] ?? "";
  let inMath = false;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "$") inMath = !inMath;
    else if (ch === "{" || ch === "(" || ch === "[") depth++;
    else if (ch === "}" || ch === ")" || ch === "]") depth = Math.max(0, depth - 1);
    else if (!inMath && depth === 0 && (ch === "." || ch === "。") && (i + 1 === line.length || /\s/.test(line[i + 1]!))) {
      // a decimal point is followed by a digit, never by a space
      return line.slice(0, i).trim();
    }
  }
  return line.trim().replace(/[.。]$/, "").trim();
}

/** A reference such as GSM8K's worked `answer` ("... #### 72") gives its final answer; a plain one is used as it is. */
export function referenceAnswerOf(reference: string): ExtractedAnswer {
  const trimmed = reference.trim();
  if (/\\(?:boxed|fbox)\s*\{|^\s*####/m.test(trimmed)) return extractAnswer(trimmed) ?? { answer: trimmed, method: "whole" };
  return { answer: trimmed, method: "whole" };
}

/** Cleans what people and models write around an answer into LaTeX the engine reads. */
export function cleanLatex(answer: string): string {
  let s = answer.trim();
  s = s.replace(/^\$+|\$+$/g, "").replace(/^\\\(|\\\)$/g, "").replace(/^\\\[|\\\]$/g, "");
  s = s.replace(/\\(?:d|t)frac/g, "\\frac");
  s = s.replace(/\\left\s*|\\right\s*/g, "");
  s = s.replace(/\\[,;:! ]/g, "").replace(/~/g, "");
  s = s.replace(/\{,\}/g, ",");
  s = s.replace(/\\text\{\s*\}/g, "");
  // Units and words inside \text{} or \mathrm{} after a number say nothing about its value.
  s = s.replace(/^(.*?\d)\s*\\(?:text|mathrm|textbf)\{[^{}]*\}\s*$/, "$1");
  s = s.replace(/\^\s*\{?\\circ\}?/g, "");
  s = s.replace(/\\\$/g, "").replace(/^\s*\$/, "");
  s = s.replace(/(?<!\\)%/g, "\\%");
  s = s.replace(/[.。]\s*$/, "").trim();
  // 1,000,000 is a number with thousands separators, never the tuple (1, 0, 0); only a whole answer of that shape.
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\\%)?$/.test(s)) s = s.replace(/,/g, "");
  // "x = 3" and "a=3" answer with a value: compare the value.
  const assigned = /^[a-zA-Z](?:_\{?\w+\}?)?\s*=\s*(.+)$/.exec(s);
  if (assigned?.[1] && !assigned[1].includes("=")) s = assigned[1].trim();
  return s;
}

export type MathComparison =
  | { kind: "equal" | "different"; how: string }
  | { kind: "undecided"; how: string }
  | { kind: "bad-reference"; how: string };

type Parsed = { expr: BoxedExpression; isPercent: boolean; latex: string };

function parse(latex: string): Parsed | null {
  const expr = ce().parse(latex);
  if (!expr.isValid) return null;
  return { expr, isPercent: /\\%\s*$/.test(latex), latex };
}

/** The reference's problem as a sentence, or null when the engine reads it. */
export function referenceProblem(reference: string): string | null {
  const cleaned = cleanLatex(referenceAnswerOf(reference).answer);
  if (cleaned === "") return "the reference answer is empty";
  return parse(cleaned) ? null : `the reference answer "${clip(reference)}" cannot be parsed as maths (read as "${clip(cleaned)}")`;
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function numericValue(expr: BoxedExpression): number | null {
  const value = expr.N().re;
  return typeof value === "number" && Number.isFinite(value) && expr.freeVariables.length === 0 ? value : null;
}

function closeEnough(a: number, b: number, options: MathOptions): boolean {
  return Math.abs(a - b) <= Math.max(options.absTolerance, options.relTolerance * Math.max(Math.abs(a), Math.abs(b)));
}

function collectionParts(expr: BoxedExpression): { head: string; items: readonly BoxedExpression[] } | null {
  const head = expr.operator;
  if (head === "Tuple" || head === "Pair" || head === "Triple" || head === "List" || head === "Sequence") return { head: "Tuple", items: expr.ops ?? [] };
  if (head === "Set") return { head: "Set", items: expr.ops ?? [] };
  return null;
}

/** An interval written as [a, b), (a, b], [a, b] or (a, b) as text: the engine reads only some of these. */
function intervalOf(latex: string): { open: string; close: string; parts: string[] } | null {
  const match = /^([[(])(.*)([\])])$/s.exec(latex.trim());
  if (!match) return null;
  const [, open, body, close] = match;
  const parts = splitTopLevel(body!);
  if (parts.length !== 2) return null;
  return { open: open!, close: close!, parts };
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "{" || ch === "(" || ch === "[") depth++;
    else if (ch === "}" || ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(body.slice(start).trim());
  return parts;
}

/** Compares an answer with a reference by value. Both are LaTeX or plain text as written. */
export function compareMath(answerText: string, referenceText: string, options: MathOptions = defaultMathOptions): MathComparison {
  const referenceLatex = cleanLatex(referenceAnswerOf(referenceText).answer);
  const answerLatex = cleanLatex(answerText);
  return compareCleaned(answerLatex, referenceLatex, options, true);
}

function compareCleaned(answerLatex: string, referenceLatex: string, options: MathOptions, isTop: boolean): MathComparison {
  if (referenceLatex === "") return { kind: "bad-reference", how: "the reference answer is empty" };

  // Intervals keep their bracket kinds; a reference with mixed or square brackets is an interval.
  const refInterval = intervalOf(referenceLatex);
  if (isTop && refInterval && (refInterval.open === "[" || refInterval.close === "]")) {
    const ansInterval = intervalOf(answerLatex);
    if (!ansInterval) return { kind: "different", how: `the reference is the interval ${referenceLatex}; the answer is not an interval` };
    if (ansInterval.open !== refInterval.open || ansInterval.close !== refInterval.close) return { kind: "different", how: "the interval's ends differ (open / closed)" };
    return compareParts(ansInterval.parts, refInterval.parts, options, true);
  }

  const reference = parse(referenceLatex);
  if (!reference) return { kind: "bad-reference", how: `the reference answer "${clip(referenceLatex)}" cannot be parsed as maths` };
  const answer = parse(answerLatex);
  if (!answer) return { kind: "different", how: `the answer "${clip(answerLatex)}" cannot be parsed as maths` };

  const refCollection = collectionParts(reference.expr);
  if (refCollection) {
    const ansCollection = collectionParts(answer.expr);
    if (!ansCollection || ansCollection.head !== refCollection.head) {
      return { kind: "different", how: `the reference is a ${refCollection.head.toLowerCase()} of ${refCollection.items.length}; the answer is not` };
    }
    if (refCollection.head === "Set") {
      return compareSets(ansCollection.items, refCollection.items, options);
    }
    // Compare item by item through their LaTeX, so each item gets the numeric tolerance.
    return compareParts(
      ansCollection.items.map((item) => item.latex),
      refCollection.items.map((item) => item.latex),
      options,
      true,
    );
  }

  const refValue = numericValue(reference.expr);
  const ansValue = numericValue(answer.expr);
  if (refValue !== null && ansValue !== null) {
    if (closeEnough(ansValue, refValue, options)) return { kind: "equal", how: "equal values" };
    if (options.percent === "lenient") {
      // 50\% is 0.5; leniently it is also 50 (and a reference of 50\% accepts 50).
      if (answer.isPercent && closeEnough(ansValue * 100, refValue, options)) return { kind: "equal", how: "equal values (the answer's percent sign ignored)" };
      if (reference.isPercent && closeEnough(ansValue, refValue * 100, options)) return { kind: "equal", how: "equal values (the reference's percent sign ignored)" };
    }
    return { kind: "different", how: `${ansValue} is not ${refValue}` };
  }

  const equal = answer.expr.isEqual(reference.expr);
  if (equal === true) return { kind: "equal", how: "symbolically equal" };
  if (equal === false) return { kind: "different", how: "symbolically different" };
  const sampled = compareAtSamples(answer.expr, reference.expr, options);
  if (sampled) return sampled;
  return { kind: "undecided", how: "the maths engine could not decide whether the answer equals the reference" };
}

function compareParts(answerParts: string[], referenceParts: string[], options: MathOptions, _ordered: true): MathComparison {
  if (answerParts.length !== referenceParts.length) return { kind: "different", how: `${answerParts.length} items where the reference has ${referenceParts.length}` };
  for (let i = 0; i < referenceParts.length; i++) {
    const result = compareCleaned(cleanLatex(answerParts[i]!), cleanLatex(referenceParts[i]!), options, false);
    if (result.kind !== "equal") return { kind: result.kind, how: `item ${i + 1}: ${result.how}` };
  }
  return { kind: "equal", how: "every item equal" };
}

function compareSets(answerItems: readonly BoxedExpression[], referenceItems: readonly BoxedExpression[], options: MathOptions): MathComparison {
  if (answerItems.length !== referenceItems.length) return { kind: "different", how: `${answerItems.length} elements where the reference has ${referenceItems.length}` };
  const unmatched = [...answerItems];
  for (const ref of referenceItems) {
    const index = unmatched.findIndex((item) => compareCleaned(item.latex, ref.latex, options, false).kind === "equal");
    if (index < 0) return { kind: "different", how: `the reference's element ${ref.latex} is missing` };
    unmatched.splice(index, 1);
  }
  return { kind: "equal", how: "the same elements" };
}

// Fixed sample points (not random: the same inputs always give the same verdict).
const SAMPLE_POINTS = [0.7071, 1.618, -2.3, 3.14, 0.25];

/** Expressions with free variables: equal when they agree at every sample point where both are defined. */
function compareAtSamples(a: BoxedExpression, b: BoxedExpression, options: MathOptions): MathComparison | null {
  const variables = [...new Set([...a.freeVariables, ...b.freeVariables])];
  if (variables.length === 0 || variables.length > 3) return null;
  let compared = 0;
  for (let k = 0; k < SAMPLE_POINTS.length; k++) {
    const values = Object.fromEntries(variables.map((name, j) => [name, SAMPLE_POINTS[(k + j) % SAMPLE_POINTS.length]!]));
    const va = a.subs(values).N().re;
    const vb = b.subs(values).N().re;
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    compared++;
    if (!closeEnough(va, vb, { ...options, relTolerance: Math.max(options.relTolerance, 1e-9) })) return { kind: "different", how: `different values at ${JSON.stringify(values)}` };
  }
  return compared >= 3 ? { kind: "equal", how: `equal at ${compared} sample points` } : null;
}
