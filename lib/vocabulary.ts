/**
 * The product's words, defined once: judging modes, judgment flags, candidate and judgment sources and roles, each
 * as a tuple (for zod enums, <option>s and loops), its type, and the labels people read. The database
 * stores the same names as Prisma enums; server/db/vocabulary.ts makes `tsc` fail when the two drift.
 * Judgment outcomes have no labels: people see them through the verdict. Export format names live with their registry in lib/export/types.ts (they are not a database enum).
 */

export const judgingModes = ["PAIRWISE", "RANKING"] as const;
export type JudgingMode = (typeof judgingModes)[number];
export const judgingModeLabels: Record<JudgingMode, string> = { PAIRWISE: "Pairwise", RANKING: "Ranking" };
/** What the annotator does in each mode, for the mode picker. */
export const judgingModeHints: Record<JudgingMode, string> = { PAIRWISE: "A or B", RANKING: "order all" };

export const judgmentFlags = ["UNSAFE", "FACTUALLY_WRONG", "REFUSAL", "OFF_TOPIC"] as const;
export type JudgmentFlag = (typeof judgmentFlags)[number];
export const judgmentFlagLabels: Record<JudgmentFlag, string> = {
  UNSAFE: "Unsafe",
  FACTUALLY_WRONG: "Factually wrong",
  REFUSAL: "Refusal",
  OFF_TOPIC: "Off-topic",
};

/** What a judgment says overall: a preference (ranks), a tie between all shown, or all of them bad. */
export const judgmentOutcomes = ["PREFERENCE", "TIE", "ALL_BAD"] as const;
export type JudgmentOutcome = (typeof judgmentOutcomes)[number];

export const candidateSources = ["GENERATED", "IMPORTED", "RULE_DERIVED", "HUMAN_REWRITE", "SAMPLE"] as const;
export type CandidateSource = (typeof candidateSources)[number];
export const candidateSourceLabels: Record<CandidateSource, string> = {
  GENERATED: "generated",
  IMPORTED: "imported",
  RULE_DERIVED: "rule-derived",
  HUMAN_REWRITE: "human rewrite",
  SAMPLE: "sample",
};

/**
 * Where a judgment comes from. Only HUMAN judgments fill a prompt's overlap and are one per (prompt,
 * annotator); IMPORTED ones (labels that came with an imported file) and MODEL_JUDGE ones (a model
 * judge's pairwise verdict over both orders) have no annotator.
 */
export const judgmentSources = ["HUMAN", "ADJUDICATION", "IMPORTED", "MODEL_JUDGE"] as const;
export type JudgmentSource = (typeof judgmentSources)[number];
export const judgmentSourceLabels: Record<JudgmentSource, string> = {
  HUMAN: "Annotator",
  ADJUDICATION: "Adjudication",
  IMPORTED: "Imported label",
  MODEL_JUDGE: "Model judge",
};

/** When annotators see a model judge's verdict on the pair they judge (the set's setting, recorded on each human judgment). */
export const judgeSuggestionModes = ["HIDDEN", "AFTER_SUBMIT", "BEFORE"] as const;
export type JudgeSuggestionMode = (typeof judgeSuggestionModes)[number];
export const judgeSuggestionLabels: Record<JudgeSuggestionMode, string> = {
  HIDDEN: "Hidden",
  AFTER_SUBMIT: "Shown after the annotator submits",
  BEFORE: "Shown before the annotator judges",
};

export const roles = ["ADMIN", "ANNOTATOR", "ENGINEER"] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = { ADMIN: "Admin", ANNOTATOR: "Annotator", ENGINEER: "Engineer" };
/** What each role may do, in words (lib/authz/permissions.ts says it in code). */
export const roleDescriptions: Record<Role, string> = {
  ADMIN: "Everything: prompt sets, endpoints, generation, review, users",
  ANNOTATOR: "Their own annotation queue only",
  ENGINEER: "Reads prompt sets and judgment aggregates, makes exports",
};

/** Where an export job stands (the exports table's status). */
export const exportStatuses = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type ExportStatus = (typeof exportStatuses)[number];
