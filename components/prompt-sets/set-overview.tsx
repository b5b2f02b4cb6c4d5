import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { JudgingMode } from "@/lib/vocabulary";
import { isRunStatus } from "@/components/generation/run-status";

type Overview = {
  judgingMode: JudgingMode;
  candidatesPerPrompt: number;
  overlap: number;
  members: { id: string }[];
  counts: {
    prompts: number;
    candidatesBySource: Record<string, number>;
    promptsWithEnoughCandidates: number;
    judgments: number;
    importedJudgments: number;
    promptsFullyJudged: number;
    activeAssignments: number;
  };
  runs: { id: string; status: string }[];
};

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-lg font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** The state of the set at a glance: prompts, candidates by source, generation and annotation. */
export function SetOverview({ set }: { set: Overview }) {
  const { counts } = set;
  const by = counts.candidatesBySource;
  const latestRun = set.runs[0];
  const t = useTranslations("promptSets.overview");
  const tv = useTranslations("vocabulary");
  const tg = useTranslations("generationRun");
  const format = useFormatter();
  const n = (value: number | undefined) => format.number(value ?? 0);
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Stat label={t("prompts")} value={n(counts.prompts)} testId="count-prompts" />
      <Stat label={t("generated")} value={n(by.GENERATED)} testId="count-generated" />
      <Stat label={t("imported")} value={n(by.IMPORTED)} testId="count-imported" />
      <Stat label={t("ruleDerived")} value={n(by.RULE_DERIVED)} testId="count-rule-derived" />
      <Stat label={t("ready", { n: set.candidatesPerPrompt })} value={t("fraction", { part: counts.promptsWithEnoughCandidates, whole: counts.prompts })} />
      <Stat label={t("generation")} value={latestRun ? t("lastRun", { status: isRunStatus(latestRun.status) ? tg(`status.${latestRun.status}`) : latestRun.status }) : t("noRuns")} testId="generation-state" />
      <Stat label={t("judgedBy", { overlap: set.overlap, mode: tv(`judgingMode.${set.judgingMode}`) })} value={t("fraction", { part: counts.promptsFullyJudged, whole: counts.prompts })} />
      <Stat label={t("judgmentsLabel")} value={t("judgmentsValue", { judgments: counts.judgments, members: set.members.length, active: counts.activeAssignments })} />
      {counts.importedJudgments > 0 ? <Stat label={t("importedJudgments")} value={n(counts.importedJudgments)} testId="count-imported-judgments" /> : null}
    </dl>
  );
}
