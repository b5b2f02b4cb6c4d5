import "server-only";
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../errors";

// Length alone lets "password1234" and "aaaaaaaaaaaa" through. zxcvbn estimates how many guesses a
// password takes against common-password lists, keyboard patterns, repeats, sequences and dates; score
// 3 ("safely unguessable: moderate protection from offline attacks", >= 10^8 guesses) is required.
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

// zxcvbn-ts gives translation keys; these are the English sentences for them.
const warnings: Record<string, string> = {
  straightRow: "a straight row of keys is easy to guess",
  keyPattern: "a short keyboard pattern is easy to guess",
  simpleRepeat: 'repeated characters like "aaa" are easy to guess',
  extendedRepeat: 'repeated patterns like "abcabcabc" are easy to guess',
  sequences: 'sequences like "abc" or "6543" are easy to guess',
  recentYears: "recent years are easy to guess",
  dates: "dates are easy to guess",
  topTen: "it is one of the ten most used passwords",
  topHundred: "it is one of the hundred most used passwords",
  common: "it is a commonly used password",
  similarToCommon: "it is too close to a commonly used password",
  wordByItself: "a single word is easy to guess",
  namesByThemselves: "names on their own are easy to guess",
  commonNames: "common names are easy to guess",
  userInputs: "it contains the account's own email or name",
  pwned: "it has appeared in a data breach",
};
const suggestions: Record<string, string> = {
  l33t: 'Letter substitutions like "@" for "a" do not help.',
  reverseWords: "Spelling a common word backwards does not help.",
  allUppercase: "Capitalize some letters, not all.",
  capitalization: "Capitalize more than the first letter.",
  dates: "Avoid dates and years that are associated with you.",
  recentYears: "Avoid recent years.",
  associatedYears: "Avoid years that are associated with you.",
  sequences: "Avoid common character sequences.",
  repeated: "Avoid repeated words and characters.",
  longerKeyboardPattern: "Use longer keyboard patterns and change typing direction several times.",
  anotherWord: "Add more words that are less common.",
  useWords: "Use several words, but avoid common phrases.",
  noNeed: "You can create strong passwords without symbols, numbers or uppercase letters.",
  pwned: "If you use this password elsewhere, change it there.",
};

export function estimatePassword(password: string, userInputs: string[] = []): ZxcvbnResult {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // The email's local part and the name count as words an attacker would try first.
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter((input) => input.length >= 3);
  return estimator.check(password, inputs);
}

/** Why a password is too easy to guess, in one sentence with advice, or undefined when it will do. */
export function weakPasswordReason(password: string, userInputs: string[] = []): string | undefined {
  const result = estimatePassword(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const why = (result.feedback.warning && warnings[result.feedback.warning]) || "it would be found quickly by guessing common passwords and patterns";
  const advice = result.feedback.suggestions.map((key) => suggestions[key]).filter(Boolean);
  return `This password is too easy to guess: ${why}. ${advice.length ? `${advice.join(" ")} ` : ""}A few unrelated words make a strong one.`;
}

/** Services call this wherever a password is chosen by a person (API, UI, CLI); generated ones need not. */
export function assertStrongPassword(password: string, userInputs: string[]): void {
  const reason = weakPasswordReason(password, userInputs);
  if (reason) throw new AppError("BAD_REQUEST", reason, { password: reason });
}
