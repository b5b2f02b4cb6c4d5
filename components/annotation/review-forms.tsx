"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { JudgingMode } from "@/lib/vocabulary";
import type { ActionState } from "@/lib/forms/action-state";

type State = ActionState | null;
type Action = (previous: State, formData: FormData) => Promise<State>;

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

/** Settle a disagreement (an adjudication judgment) or reopen the prompt; both audited on the server. */
export function ReviewForms({
  promptId,
  mode,
  candidates,
  reopenAction,
  adjudicateAction,
}: {
  promptId: string;
  mode: JudgingMode;
  candidates: { id: string; label: string }[];
  reopenAction: Action;
  adjudicateAction: Action;
}) {
  const [reopenState, reopen, reopening] = useActionState(reopenAction, null);
  const [settleState, settle, settling] = useActionState(adjudicateAction, null);
  const pair = candidates.slice(0, 2);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form action={settle} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label="Settle">
        <h2 className="text-base font-semibold">Settle the disagreement</h2>
        <input type="hidden" name="promptId" value={promptId} />
        <input type="hidden" name="mode" value={mode} />
        {(mode === "PAIRWISE" ? pair : candidates).map((candidate) => (
          <input key={candidate.id} type="hidden" name="shown" value={candidate.id} />
        ))}
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 font-medium">Verdict</legend>
          {mode === "PAIRWISE" ? (
            <>
              {[
                ["A", `${pair[0]?.label} is better`],
                ["B", `${pair[1]?.label} is better`],
                ["TIE", "Tie"],
                ["BOTH_BAD", "Both bad"],
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
                  <input type="radio" name="verdict" value={candidate.id} required /> {candidate.label} is best
                </label>
              ))}
              <label className="flex items-center gap-2">
                <input type="radio" name="verdict" value="ALL_BAD" required /> All bad
              </label>
            </>
          )}
        </fieldset>
        <label className="block text-sm font-medium" htmlFor="settle-rationale">
          Why
        </label>
        <textarea id="settle-rationale" name="rationale" required rows={2} className="w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-sm" />
        <Button type="submit" variant="primary" disabled={settling}>
          Settle
        </Button>
        <Result state={settleState} testId="settle-error" />
      </form>
      <form action={reopen} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label="Reopen">
        <h2 className="text-base font-semibold">Reopen the prompt</h2>
        <p className="text-sm text-muted-foreground">Removes its judgments (kept in the audit log) so it collects a fresh set.</p>
        <input type="hidden" name="promptId" value={promptId} />
        <label className="block text-sm font-medium" htmlFor="reopen-reason">
          Reason
        </label>
        <input id="reopen-reason" name="reason" required className="h-9 w-full rounded-md border border-border-strong bg-surface px-3 text-sm" />
        <Button type="submit" variant="danger" disabled={reopening}>
          Reopen
        </Button>
        <Result state={reopenState} testId="reopen-error" />
      </form>
    </div>
  );
}
