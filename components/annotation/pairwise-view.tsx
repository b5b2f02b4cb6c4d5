"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { ScoreBadges, type ScoreBadge } from "@/components/verifiers/score-badges";
import { cx } from "@/components/ui/cx";
import { AnswerStats } from "./answer-stats";

/** `scores`: the verifiers' results, present only when the prompt set shows them to annotators. */
type Candidate = { id: string; content: string; scores?: ScoreBadge[] };

/**
 * Two answers side by side, labelled A and B only (blind). Long answers scroll inside their column,
 * the columns scrolling together; "expand" shows them in full.
 */
export function PairwiseView({ candidates, verdict, expanded, isAhead = false }: { candidates: [Candidate, Candidate]; verdict: string | null; expanded: boolean; isAhead?: boolean }) {
  const t = useTranslations("workspace");
  const panes = [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null)];
  const syncing = useRef(false);
  const onScroll = (from: 0 | 1) => {
    if (syncing.current) {
      syncing.current = false;
      return;
    }
    const source = panes[from]!.current;
    const target = panes[from === 0 ? 1 : 0]!.current;
    if (!source || !target) return;
    const ratio = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    syncing.current = true;
    target.scrollTop = ratio * (target.scrollHeight - target.clientHeight);
  };
  return (
    <div className="grid min-w-0 gap-4 md:grid-cols-2">
      {candidates.map((candidate, index) => {
        const label = index === 0 ? "A" : "B";
        const chosen = verdict === label || verdict === "TIE";
        const rejected = verdict === "BOTH_BAD" || (verdict !== null && verdict !== "TIE" && verdict !== label);
        return (
          <section
            key={candidate.id}
            aria-label={t("answer", { letter: label })}
            data-testid={isAhead ? undefined : `answer-${label}`}
            className={cx(
              "flex min-w-0 flex-col rounded-lg border bg-surface",
              chosen ? "border-accent ring-2 ring-accent/30" : "border-border",
              rejected && "opacity-80",
            )}
          >
            <header className="flex items-center justify-between gap-2 border-b border-border px-4 py-2">
              <h2 className="text-sm font-semibold text-foreground">{t("answer", { letter: label })}</h2>
              <AnswerStats text={candidate.content} />
            </header>
            <div
              ref={panes[index]}
              onScroll={() => onScroll(index as 0 | 1)}
              tabIndex={0}
              aria-label={t("answerText", { letter: label })}
              className={cx("min-w-0 px-4 py-2", expanded ? "" : "max-h-[55vh] overflow-y-auto")}
            >
              {candidate.scores ? <ScoreBadges scores={candidate.scores} /> : null}
        <SafeMarkdown>{candidate.content}</SafeMarkdown>
            </div>
          </section>
        );
      })}
    </div>
  );
}
