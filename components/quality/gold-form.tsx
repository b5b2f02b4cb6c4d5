"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ActionMessage } from "@/components/prompt-sets/action-message";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { FormAction } from "@/lib/forms/action-state";

/**
 * Marks a prompt as gold with its expected verdict. Pairwise: the first two candidates, A or B better,
 * tie or both bad. Ranking: the best candidate (the others tied below it) or all bad.
 */
export function GoldForm({ action, promptId, mode, candidates, current }: { action: FormAction; promptId: string; mode: "PAIRWISE" | "RANKING"; candidates: { id: string; label: string }[]; current: string | null }) {
  const t = useTranslations("quality.gold");
  const [state, formAction, isPending] = useActionState(action, null);
  const shown = mode === "PAIRWISE" ? candidates.slice(0, 2) : candidates;
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label={t("form")}>
      <h2 className="text-base font-semibold">{t("title")}</h2>
      <p className="text-sm text-muted-foreground" data-testid="gold-current">
        {current ? t("current", { verdict: current }) : t("notGold")} {t("explain")}
      </p>
      <input type="hidden" name="promptId" value={promptId} />
      <input type="hidden" name="mode" value={mode} />
      {shown.map((candidate) => (
        <input key={candidate.id} type="hidden" name="shown" value={candidate.id} />
      ))}
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t("expected")}</span>
        <Select name="verdict" defaultValue="" required>
          <option value="" disabled>
            {t("choose")}
          </option>
          {mode === "PAIRWISE" ? (
            <>
              <option value="A">{t("better", { label: shown[0]?.label ?? "A" })}</option>
              <option value="B">{t("better", { label: shown[1]?.label ?? "B" })}</option>
              <option value="TIE">{t("tie")}</option>
              <option value="BOTH_BAD">{t("bothBad")}</option>
            </>
          ) : (
            <>
              {shown.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>{t("best", { label: candidate.label })}</option>
              ))}
              <option value="ALL_BAD">{t("allBad")}</option>
            </>
          )}
          {current ? <option value="clear">{t("clear")}</option> : null}
        </Select>
      </label>
      <Button type="submit" disabled={isPending}>
        {t("save")}
      </Button>
      <ActionMessage state={state} testId="gold" />
    </form>
  );
}
