"use client";

import { useTranslations } from "next-intl";
import type { PairwiseChoice } from "@/lib/annotation/draft";
import type { JudgingMode } from "@/lib/vocabulary";
import { Button } from "@/components/ui/button";

export type QueueProgress = { n: number; total: number; judged: number; target: number };

/**
 * The action bar, sticky at the bottom of the window: the verdict (pairwise) or "all bad" (ranking),
 * Submit and Skip stay in view however long the answers are, with the annotator's progress.
 */
export function VerdictBar({
  mode,
  verdict,
  allBad,
  progress,
  expiresAt,
  onChoose,
  onToggleAllBad,
  onSubmit,
  onSkip,
}: {
  mode: JudgingMode;
  verdict: PairwiseChoice | null;
  allBad: boolean;
  progress: QueueProgress;
  expiresAt: string;
  onChoose: (verdict: PairwiseChoice) => void;
  onToggleAllBad: () => void;
  onSubmit: () => void;
  onSkip: () => void;
}) {
  const t = useTranslations("workspace");
  const choices: [PairwiseChoice, string, string][] = [
    ["A", t("preferA"), "1"],
    ["B", t("preferB"), "2"],
    ["TIE", t("tie"), "3"],
    ["BOTH_BAD", t("bothBad"), "4"],
  ];
  return (
    <div
      data-testid="action-bar"
      className="sticky bottom-0 z-10 -mx-2 mt-4 space-y-2 rounded-t-lg border border-b-0 border-border bg-surface/95 px-3 py-3 shadow-[0_-4px_12px_-6px_rgba(0,0,0,0.15)] backdrop-blur"
    >
      <div className="flex flex-wrap items-center gap-2">
        {mode === "PAIRWISE" ? (
          <div role="group" aria-label={t("verdict")} className="flex flex-wrap gap-2">
            {choices.map(([value, label, key]) => (
              <Button key={value} variant={verdict === value ? "primary" : "secondary"} aria-pressed={verdict === value} onClick={() => onChoose(value)}>
                {label} <kbd className="text-xs opacity-70">{key}</kbd>
              </Button>
            ))}
          </div>
        ) : (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={allBad} onChange={onToggleAllBad} />
            {t("allBad")} <kbd className="text-xs text-muted-foreground">x</kbd>
          </label>
        )}
        <span className="ml-auto flex flex-wrap gap-2">
          <Button variant="primary" onClick={onSubmit}>
            {t("submit")} <kbd className="text-xs opacity-70">Enter</kbd>
          </Button>
          <Button variant="ghost" onClick={onSkip}>
            {t("skip")}
          </Button>
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground tabular-nums">
        <span data-testid="queue-progress">{t("progress", { n: progress.n, total: progress.total })}</span>
        <span data-testid="set-progress">{t("setProgress", { judged: progress.judged, target: progress.target, percent: progress.target ? Math.min(1, progress.judged / progress.target) : 0 })}</span>
        <span className="ml-auto">{t("leaseUntil", { time: new Date(expiresAt) })} UTC</span>
      </div>
    </div>
  );
}
