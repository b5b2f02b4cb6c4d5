/**
 * Where a judgment comes from. The one list of these names: Prisma's `JudgmentSource` enum is checked
 * against it at compile time (server/db/enum-checks.ts), and SQL compares with the same strings.
 */
export const judgmentSourceNames = ["HUMAN", "ADJUDICATION", "IMPORTED"] as const;
export type JudgmentSource = (typeof judgmentSourceNames)[number];

export const judgmentSourceLabels: Record<JudgmentSource, string> = {
  HUMAN: "Annotator",
  ADJUDICATION: "Adjudication",
  IMPORTED: "Imported label",
};
