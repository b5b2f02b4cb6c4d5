import { createHash } from "node:crypto";
import { checkName, compiledSchema, type Check } from "./config";
import { compareMath, extractAnswer, referenceProblem } from "./math-answer";
import { countBullets, countCharacters, countWords, includesText, languageShare, normalizeText, parseJsonResponse } from "./text-checks";

/**
 * Runs checks on one response. Pure: the same check, text and reference always give the same result,
 * and each result carries the check's version (code version + a hash of the check and the reference it
 * used), so a score stored under another version shows that the check or the reference changed.
 */

/** Bump a type's number when its code changes what it decides: re-running then stores new rows beside the old. */
export const CHECK_CODE_VERSIONS: Record<Check["type"], number> = {
  math: 1,
  exact: 1,
  regex: 1,
  "json-schema": 1,
  "word-count": 1,
  "char-count": 1,
  "must-include": 1,
  "must-not-include": 1,
  language: 1,
  "starts-with": 1,
  "ends-with": 1,
  "bullet-count": 1,
  "valid-json": 1,
};

export type CheckResult = {
  name: string;
  type: Check["type"];
  version: string;
  /** null: the check could not decide (no or unparseable reference, undecidable maths); `reason` says why. */
  passed: boolean | null;
  /** 1 / 0 for pass / fail, null when undecided. */
  score: number | null;
  /** The maths verifier's extracted final answer. */
  extractedAnswer: string | null;
  reason: string;
  details: Record<string, unknown>;
};

export function checkVersion(check: Check, reference: string | null): string {
  const hash = createHash("sha256")
    .update(JSON.stringify({ check, reference: usesReference(check) ? reference : null }))
    .digest("hex")
    .slice(0, 12);
  return `${check.type}@${CHECK_CODE_VERSIONS[check.type]}-${hash}`;
}

function usesReference(check: Check): boolean {
  return (check.type === "math" && check.reference === undefined) || (check.type === "exact" && check.expected === undefined);
}

export function runChecks(checks: readonly Check[], text: string, reference: string | null): CheckResult[] {
  return checks.map((check) => runCheck(check, text, reference));
}

export function runCheck(check: Check, text: string, reference: string | null): CheckResult {
  const outcome = decide(check, text, reference);
  return {
    name: checkName(check),
    type: check.type,
    version: checkVersion(check, reference),
    passed: outcome.passed,
    score: outcome.passed === null ? null : outcome.passed ? 1 : 0,
    extractedAnswer: outcome.extractedAnswer ?? null,
    reason: outcome.reason,
    details: outcome.details ?? {},
  };
}

type Outcome = { passed: boolean | null; reason: string; extractedAnswer?: string | null; details?: Record<string, unknown> };

function bounded(what: string, count: number, check: { min?: number; max?: number }): Outcome {
  const low = check.min === undefined || count >= check.min;
  const high = check.max === undefined || count <= check.max;
  const range = check.min !== undefined && check.max !== undefined ? `${check.min}-${check.max}` : check.min !== undefined ? `at least ${check.min}` : `at most ${check.max}`;
  return { passed: low && high, reason: `${count} ${what} (${range} wanted)`, details: { count } };
}

function decide(check: Check, text: string, reference: string | null): Outcome {
  switch (check.type) {
    case "math": {
      const ref = check.reference ?? reference;
      if (ref === null || ref.trim() === "") return { passed: null, reason: "no reference answer for this prompt" };
      const extracted = extractAnswer(text);
      if (!extracted) {
        // Without an answer the comparison (which reports a bad reference) never runs: check the reference here.
        const problem = referenceProblem(ref);
        if (problem) return { passed: null, reason: problem };
        return { passed: false, reason: "no final answer found (no \\boxed{}, \"the answer is\", #### or number)", extractedAnswer: null };
      }
      const result = compareMath(extracted.answer, ref, check);
      const details = { method: extracted.method, how: result.how };
      if (result.kind === "bad-reference") return { passed: null, reason: referenceProblem(ref) ?? result.how, extractedAnswer: extracted.answer, details };
      if (result.kind === "undecided") return { passed: null, reason: result.how, extractedAnswer: extracted.answer, details };
      return {
        passed: result.kind === "equal",
        reason: `${result.kind === "equal" ? "matches" : "does not match"} the reference (${result.how}; answer found by ${extracted.method})`,
        extractedAnswer: extracted.answer,
        details,
      };
    }
    case "exact": {
      const expected = check.expected ?? reference;
      if (expected === null) return { passed: null, reason: "no expected output: give `expected` or a reference answer" };
      const passed = check.mode === "exact" ? text === expected : normalizeText(text) === normalizeText(expected);
      return { passed, reason: passed ? `equals the expected output (${check.mode})` : `differs from the expected output (${check.mode})` };
    }
    case "regex": {
      const matched = new RegExp(check.pattern, check.flags).test(text);
      const passed = matched === check.mustMatch;
      return { passed, reason: `${matched ? "matches" : "does not match"} /${check.pattern}/${check.flags}` };
    }
    case "json-schema": {
      const parsed = parseJsonResponse(text);
      if (!parsed.ok) return { passed: false, reason: parsed.problem };
      const validate = compiledSchema(check.schema);
      const passed = validate(parsed.value) === true; // an "$async" schema would give a promise: never a pass
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
      return { passed, reason: passed ? "valid against the schema" : `invalid: ${errors.join("; ")}`, details: passed ? {} : { errors } };
    }
    case "valid-json": {
      const parsed = parseJsonResponse(text);
      return parsed.ok ? { passed: true, reason: "valid JSON" } : { passed: false, reason: parsed.problem };
    }
    case "word-count":
      return bounded("words", countWords(text), check);
    case "char-count":
      return bounded("characters", countCharacters(text), check);
    case "bullet-count":
      return bounded("bullet points", countBullets(text), check);
    case "must-include": {
      const missing = check.texts.filter((needle) => !includesText(text, needle, check.caseSensitive));
      const passed = check.match === "all" ? missing.length === 0 : missing.length < check.texts.length;
      return { passed, reason: passed ? "includes what it must" : `missing ${missing.map((m) => JSON.stringify(m)).join(check.match === "all" ? ", " : " and ")}`, details: { missing } };
    }
    case "must-not-include": {
      const found = check.texts.filter((needle) => includesText(text, needle, check.caseSensitive));
      return { passed: found.length === 0, reason: found.length === 0 ? "includes none of the forbidden texts" : `includes ${found.map((f) => JSON.stringify(f)).join(", ")}`, details: { found } };
    }
    case "language": {
      const share = languageShare(text);
      if (share.hanShare === null) return { passed: false, reason: "no letters to judge the language by", details: share };
      const wanted = check.language === "zh" ? share.hanShare : 1 - share.hanShare;
      const label = check.language === "zh" ? "Chinese" : "English";
      return { passed: wanted >= check.minShare, reason: `${Math.round(wanted * 100)}% ${label} (at least ${Math.round(check.minShare * 100)}% wanted)`, details: { ...share, share: wanted } };
    }
    case "starts-with": {
      const head = text.trimStart();
      const passed = check.caseSensitive ? head.startsWith(check.text) : head.toLowerCase().startsWith(check.text.toLowerCase());
      return { passed, reason: passed ? `starts with ${JSON.stringify(check.text)}` : `does not start with ${JSON.stringify(check.text)}` };
    }
    case "ends-with": {
      const tail = text.trimEnd();
      const passed = check.caseSensitive ? tail.endsWith(check.text) : tail.toLowerCase().endsWith(check.text.toLowerCase());
      return { passed, reason: passed ? `ends with ${JSON.stringify(check.text)}` : `does not end with ${JSON.stringify(check.text)}` };
    }
  }
}
