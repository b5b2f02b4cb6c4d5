import type { ReactNode } from "react";
import { judgingModeLabels, type JudgingMode } from "@/lib/vocabulary";

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
  const n = (value: number | undefined) => (value ?? 0).toLocaleString("en");
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Stat label="Prompts" value={n(counts.prompts)} testId="count-prompts" />
      <Stat label="Generated candidates" value={n(by.GENERATED)} testId="count-generated" />
      <Stat label="Imported candidates" value={n(by.IMPORTED)} testId="count-imported" />
      <Stat label="Rule-derived candidates" value={n(by.RULE_DERIVED)} testId="count-rule-derived" />
      <Stat label={`Ready to judge (≥ ${set.candidatesPerPrompt} candidates)`} value={`${n(counts.promptsWithEnoughCandidates)} / ${n(counts.prompts)}`} />
      <Stat label="Generation" value={latestRun ? `last run ${latestRun.status.toLowerCase()}` : "no runs yet"} testId="generation-state" />
      <Stat label={`Judged by ${set.overlap} (${judgingModeLabels[set.judgingMode].toLowerCase()})`} value={`${n(counts.promptsFullyJudged)} / ${n(counts.prompts)}`} />
      <Stat label="Judgments · annotators · in progress" value={`${n(counts.judgments)} · ${set.members.length} · ${counts.activeAssignments}`} />
      {counts.importedJudgments > 0 ? <Stat label="Preference labels imported with files" value={n(counts.importedJudgments)} testId="count-imported-judgments" /> : null}
    </dl>
  );
}
