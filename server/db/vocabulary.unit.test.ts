import { judgeKindLabels, judgeKinds } from "@/lib/judges/templates";
import { describe, expect, it } from "vitest";
import * as Db from "./generated/enums";
import { candidateSourceLabels, candidateSources, exportStatuses, judgeSuggestionLabels, judgeSuggestionModes, judgingModeLabels, judgingModes, judgmentFlagLabels, judgmentFlags, judgmentOutcomes, judgmentSourceLabels, judgmentSources, roleLabels, roles } from "@/lib/vocabulary";

// tsc checks the members (server/db/vocabulary.ts); this checks the order too, which the UI shows.
describe("lib/vocabulary matches the Prisma enums", () => {
  it.each([
    ["JudgingMode", judgingModes, Db.JudgingMode, judgingModeLabels],
    ["JudgmentFlag", judgmentFlags, Db.JudgmentFlag, judgmentFlagLabels],
    ["CandidateSource", candidateSources, Db.CandidateSource, candidateSourceLabels],
    ["JudgmentSource", judgmentSources, Db.JudgmentSource, judgmentSourceLabels],
    ["Role", roles, Db.Role, roleLabels],
    ["JudgmentOutcome", judgmentOutcomes, Db.JudgmentOutcome, null],
    ["ExportStatus", exportStatuses, Db.ExportStatus, null],
    ["JudgeSuggestions", judgeSuggestionModes, Db.JudgeSuggestions, judgeSuggestionLabels],
    ["JudgeKind", judgeKinds, Db.JudgeKind, judgeKindLabels],
  ] as const)("%s", (_name, tuple, prismaEnum, labels) => {
    expect([...tuple]).toEqual(Object.values(prismaEnum));
    if (labels) expect(Object.keys(labels)).toEqual([...tuple]);
  });
});
