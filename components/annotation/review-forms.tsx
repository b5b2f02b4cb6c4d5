"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { JudgingMode } from "@/lib/vocabulary";
import type { ActionState } from "@/lib/forms/action-state";

type State = ActionState | null;
type Action = (previous: State, formData: FormData) => Promise<State>;
type Candidate = { id: string; label: string };
/** A pair the annotators judged (lib/review/settle-pairs), disagreed ones first. */
export type SettlePair = { candidateIds: [string, string]; judgments: number; disagreement: boolean };

function Result({ state, testId }: { state: State; testId: string }) {
  if (!state) return null;
  return state.status === "error" ? (
    <Alert tone="error" testId={testId}>
      {state.message}
    </Alert>
  ) : (
    <Alert tone="success">{state.message}</Alert>
  );
}

/**
 * Settle a disagreement (an adjudication judgment) or reopen the prompt; both audited on the server.
 * In a pairwise set Settle offers the pairs the annotators judged, the one they disagreed on first
 * (not simply the first two candidates); a full ranking is asked only in ranking sets.
 */
export function ReviewForms({
  promptId,
  mode,
  candidates,
  pairs,
  reopenAction,
  adjudicateAction,
}: {
  promptId: string;
  mode: JudgingMode;
  candidates: Candidate[];
  pairs: SettlePair[];
  reopenAction: Action;
  adjudicateAction: Action;
}) {
  const t = useTranslations("review");
  const [reopenState, reopen, reopening] = useActionState(reopenAction, null);
  const [settleState, settle, settling] = useActionState(adjudicateAction, null);
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  // Pairs of candidates still shown (a rewrite is never settled as a pair); with none judged, the first two.
  const offered = pairs.filter((pair) => pair.candidateIds.every((id) => byId.has(id)));
  const fallback: SettlePair[] = candidates.length >= 2 ? [{ candidateIds: [candidates[0]!.id, candidates[1]!.id], judgments: 0, disagreement: false }] : [];
  const choices = offered.length > 0 ? offered : fallback;
  const [pairIndex, setPairIndex] = useState(0);
  const order = new Map(candidates.map((candidate, index) => [candidate.id, index]));
  // Shown in the page's order (#1 before #2): A is the first shown, as the verdict says.
  const pair = ((choices[pairIndex] ?? choices[0])?.candidateIds ?? []).toSorted((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map((id) => byId.get(id)!);
  const pairLabels = (ids: [string, string]) => {
    const [a, b] = ids.toSorted((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
    return { a: byId.get(a!)?.label ?? "?", b: byId.get(b!)?.label ?? "?" };
  };
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form action={settle} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label={t("settleLabel")}>
        <h2 className="text-base font-semibold">{t("settleTitle")}</h2>
        <input type="hidden" name="promptId" value={promptId} />
        <input type="hidden" name="mode" value={mode} />
        {(mode === "PAIRWISE" ? pair : candidates).map((candidate) => (
          <input key={candidate.id} type="hidden" name="shown" value={candidate.id} />
        ))}
        {mode === "PAIRWISE" && choices.length > 1 ? (
          <label className="block space-y-1 text-sm font-medium">
            <span className="block">{t("pairLabel")}</span>
            <Select value={String(pairIndex)} onChange={(event) => setPairIndex(Number(event.target.value))} data-testid="settle-pair">
              {choices.map((choice, index) => (
                <option key={choice.candidateIds.join()} value={index}>
                  {t(choice.disagreement ? "pairOptionDisagreement" : "pairOption", { ...pairLabels(choice.candidateIds), count: choice.judgments })}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 font-medium">{t("verdict")}</legend>
          {mode === "PAIRWISE" ? (
            <>
              {[
                ["A", t("better", { label: pair[0]?.label ?? "?" })],
                ["B", t("better", { label: pair[1]?.label ?? "?" })],
                ["TIE", t("tie")],
                ["BOTH_BAD", t("bothBad")],
              ].map(([value, label]) => (
                <label key={value} className="flex items-center gap-2">
                  <input type="radio" name="verdict" value={value} required /> {label}
                </label>
              ))}
            </>
          ) : (
            <>
              {candidates.map((candidate) => (
                <label key={candidate.id} className="flex items-center gap-2">
                  <input type="radio" name="verdict" value={candidate.id} required /> {t("best", { label: candidate.label })}
                </label>
              ))}
              <label className="flex items-center gap-2">
                <input type="radio" name="verdict" value="ALL_BAD" required /> {t("allBad")}
              </label>
            </>
          )}
        </fieldset>
        <label className="block text-sm font-medium" htmlFor="settle-rationale">
          {t("why")}
        </label>
        <textarea id="settle-rationale" name="rationale" required rows={2} className="w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-sm" />
        <Button type="submit" variant="primary" disabled={settling}>
          {t("settle")}
        </Button>
        <Result state={settleState} testId="settle-error" />
      </form>
      <form action={reopen} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label={t("reopenLabel")}>
        <h2 className="text-base font-semibold">{t("reopenTitle")}</h2>
        <p className="text-sm text-muted-foreground">{t("reopenExplain")}</p>
        <input type="hidden" name="promptId" value={promptId} />
        <label className="block text-sm font-medium" htmlFor="reopen-reason">
          {t("reason")}
        </label>
        <input id="reopen-reason" name="reason" required className="h-9 w-full rounded-md border border-border-strong bg-surface px-3 text-sm" />
        <Button type="submit" variant="danger" disabled={reopening}>
          {t("reopen")}
        </Button>
        <Result state={reopenState} testId="reopen-error" />
      </form>
    </div>
  );
}
