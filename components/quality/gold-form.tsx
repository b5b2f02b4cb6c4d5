"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/prompt-sets/action-message";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { FormAction } from "@/lib/forms/action-state";

/**
 * Marks a prompt as gold with its expected verdict. Pairwise: the first two candidates, A or B better,
 * tie or both bad. Ranking: the best candidate (the others tied below it) or all bad.
 */
export function GoldForm({ action, promptId, mode, candidates, current }: { action: FormAction; promptId: string; mode: "PAIRWISE" | "RANKING"; candidates: { id: string; label: string }[]; current: string | null }) {
  const [state, formAction, isPending] = useActionState(action, null);
  const shown = mode === "PAIRWISE" ? candidates.slice(0, 2) : candidates;
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label="Gold verdict">
      <h2 className="text-base font-semibold">Gold verdict</h2>
      <p className="text-sm text-muted-foreground" data-testid="gold-current">
        {current ? `This prompt is gold: ${current}.` : "This prompt is not gold."} Gold prompts are served to every member, measure their accuracy, and stay out of exports unless asked for.
      </p>
      <input type="hidden" name="promptId" value={promptId} />
      <input type="hidden" name="mode" value={mode} />
      {shown.map((candidate) => (
        <input key={candidate.id} type="hidden" name="shown" value={candidate.id} />
      ))}
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Expected verdict</span>
        <Select name="verdict" defaultValue="" required>
          <option value="" disabled>
            Choose
          </option>
          {mode === "PAIRWISE" ? (
            <>
              <option value="A">{`${shown[0]?.label ?? "A"} is better`}</option>
              <option value="B">{`${shown[1]?.label ?? "B"} is better`}</option>
              <option value="TIE">Tie</option>
              <option value="BOTH_BAD">Both bad</option>
            </>
          ) : (
            <>
              {shown.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>{`${candidate.label} is best`}</option>
              ))}
              <option value="ALL_BAD">All bad</option>
            </>
          )}
          {current ? <option value="clear">Not gold (unmark)</option> : null}
        </Select>
      </label>
      <Button type="submit" disabled={isPending}>
        Save gold verdict
      </Button>
      <ActionMessage state={state} testId="gold" />
    </form>
  );
}
