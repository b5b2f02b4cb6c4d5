// The judgment flags and candidate sources an export can filter on. Kept free of imports so that the
// exports form (a client component) can offer them without bundling the formats and their schemas.
export const judgmentFlagNames = ["UNSAFE", "FACTUALLY_WRONG", "REFUSAL", "OFF_TOPIC"] as const;
export const candidateSourceNames = ["GENERATED", "IMPORTED", "RULE_DERIVED", "HUMAN_REWRITE", "SAMPLE"] as const;
