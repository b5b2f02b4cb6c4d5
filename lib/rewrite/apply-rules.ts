/**
 * Rewrite rules, pure: a rule replaces a literal or a regular expression in a candidate's text
 * (identity tuning: `Qwen` -> `Deep Qwen`). Applying a rule to its own output changes nothing, so a
 * text that already says "Deep Qwen" is left alone rather than becoming "Deep Deep Qwen".
 */
export type RewriteRuleSpec = {
  pattern: string;
  replacement: string;
  isRegex: boolean;
  /** Matches only where the pattern is not part of a longer word (letters, digits, underscore, any script). */
  wholeWord: boolean;
  caseSensitive: boolean;
};

export type CompiledRule = { spec: RewriteRuleSpec; regex: RegExp };
export type CompileResult = { ok: true; rule: CompiledRule } | { ok: false; field: "pattern"; message: string };

const WORD = "[\\p{L}\\p{N}\\p{M}_]";
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function compileRule(spec: RewriteRuleSpec): CompileResult {
  if (spec.pattern === "") return { ok: false, field: "pattern", message: "the pattern is empty" };
  const body = spec.isRegex ? spec.pattern : escapeRegex(spec.pattern);
  const source = spec.wholeWord ? `(?<!${WORD})(?:${body})(?!${WORD})` : body;
  let regex: RegExp;
  try {
    regex = new RegExp(source, `gu${spec.caseSensitive ? "" : "i"}`);
  } catch (error) {
    return { ok: false, field: "pattern", message: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
  // A pattern that matches empty text would insert the replacement between every character.
  if (new RegExp(regex.source, regex.flags.replace("g", "")).test("")) {
    return { ok: false, field: "pattern", message: "the pattern matches empty text; make it match at least one character" };
  }
  return { ok: true, rule: { spec, regex } };
}

/** The replacement with `$&`, `$1`..`$99`, `$<name>` and `$$` expanded for one match (String.replace's syntax). */
export function expandReplacement(replacement: string, match: RegExpExecArray): string {
  return replacement.replace(/\$(\$|&|<([^>]*)>|(\d{1,2}))/g, (token, what: string, name: string | undefined, digits: string | undefined) => {
    if (what === "$") return "$";
    if (what === "&") return match[0];
    if (name !== undefined) return match.groups?.[name] ?? "";
    if (digits !== undefined) {
      const index = Number(digits);
      if (index >= 1 && index < match.length) return match[index] ?? "";
      // "$12" with only one group is "$1" followed by "2", as in String.replace.
      const single = Number(digits[0]);
      if (digits.length === 2 && single >= 1 && single < match.length) return (match[single] ?? "") + digits[1];
      return token;
    }
    return token;
  });
}

/**
 * True when the match at `index` already sits inside the text its replacement would produce: for
 * `Qwen` -> `Deep Qwen`, the "Qwen" of "Deep Qwen" is such a match. Compared case-insensitively when
 * the rule is.
 */
function isAlreadyReplaced(text: string, index: number, matched: string, expanded: string, caseSensitive: boolean): boolean {
  const norm = (value: string) => (caseSensitive ? value : value.toLowerCase());
  const haystack = norm(expanded);
  const needle = norm(matched);
  if (needle === "") return false;
  for (let offset = haystack.indexOf(needle); offset !== -1; offset = haystack.indexOf(needle, offset + 1)) {
    const start = index - offset;
    if (start >= 0 && norm(text.slice(start, start + expanded.length)) === haystack) return true;
  }
  return false;
}

/** Applies one compiled rule; returns the text unchanged (the same string) when nothing matched. */
export function applyRule(text: string, rule: CompiledRule): string {
  const regex = new RegExp(rule.regex.source, rule.regex.flags);
  let out = "";
  let last = 0;
  let changed = false;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0] === "") {
      regex.lastIndex += 1;
      continue;
    }
    const expanded = expandReplacement(rule.spec.replacement, match);
    if (expanded === match[0] || isAlreadyReplaced(text, match.index, match[0], expanded, rule.spec.caseSensitive)) continue;
    out += text.slice(last, match.index) + expanded;
    last = match.index + match[0].length;
    changed = true;
  }
  return changed ? out + text.slice(last) : text;
}

/** Applies rules in order; `changedBy` lists the indexes of the rules that changed something. */
export function applyRules(text: string, rules: readonly CompiledRule[]): { text: string; changedBy: number[] } {
  const changedBy: number[] = [];
  let current = text;
  rules.forEach((rule, index) => {
    const next = applyRule(current, rule);
    if (next !== current) {
      changedBy.push(index);
      current = next;
    }
  });
  return { text: current, changedBy };
}
