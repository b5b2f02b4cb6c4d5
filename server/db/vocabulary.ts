import "server-only";
import type * as Db from "./generated/enums";
import type { JudgeKind } from "@/lib/judges/templates";
import type { CandidateSource, ExportStatus, JudgeSuggestionMode, JudgingMode, JudgmentFlag, JudgmentOutcome, JudgmentSource, Role } from "@/lib/vocabulary";

/**
 * lib/vocabulary.ts spells the product's words for code that runs anywhere; the database has them as
 * Prisma enums. These assertions make `tsc` fail when either side gains, loses or renames a member
 * (the order is checked by server/db/vocabulary.unit.test.ts). Nothing here runs.
 */

/** True only when A and B are the same type (a plain `extends` both ways would accept `any`). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type VocabularyMatchesDatabase = [
  Assert<Equals<JudgingMode, Db.JudgingMode>>,
  Assert<Equals<JudgmentFlag, Db.JudgmentFlag>>,
  Assert<Equals<JudgmentOutcome, Db.JudgmentOutcome>>,
  Assert<Equals<CandidateSource, Db.CandidateSource>>,
  Assert<Equals<JudgmentSource, Db.JudgmentSource>>,
  Assert<Equals<Role, Db.Role>>,
  Assert<Equals<ExportStatus, Db.ExportStatus>>,
  Assert<Equals<JudgeSuggestionMode, Db.JudgeSuggestions>>,
  Assert<Equals<JudgeKind, Db.JudgeKind>>,
];

// The check itself can fail: a member missing on either side is caught.
export type EqualsCatchesDrift = [
  // @ts-expect-error lib lacks a member the database has
  Assert<Equals<"PAIRWISE", Db.JudgingMode>>,
  // @ts-expect-error lib has a member the database lacks
  Assert<Equals<JudgmentFlag | "TOXIC", Db.JudgmentFlag>>,
];
