"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ActionMessage } from "@/components/prompt-sets/action-message";
import type { FormAction } from "@/lib/forms/action-state";

export type QualitySettingsValues = { goldRate: string; goldMinItems: string; goldMinAccuracy: string; goldPause: boolean; overlapMax: string; adaptiveMinAgreement: string };

/** The set's gold and adaptive-overlap settings (lib/quality/settings.ts checks them). */
export function QualitySettingsForm({ action, promptSetId, initial }: { action: FormAction; promptSetId: string; initial: QualitySettingsValues }) {
  const t = useTranslations("quality.settings");
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  const values = { ...initial, ...(state?.status === "error" && state.values ? { ...state.values, goldPause: state.values.goldPause === "on" } : {}) };
  const id = (field: string) => `quality-${field}`;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ActionMessage state={state} testId="quality-settings" />
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("goldRate")} id={id("goldRate")} error={errors.goldRate} hint={t("goldRateHint")}>
          {(control) => <Input {...control} name="goldRate" type="number" step="0.01" min={0} max={1} defaultValue={values.goldRate} />}
        </Field>
        <Field label={t("goldMinItems")} id={id("goldMinItems")} error={errors.goldMinItems} hint={t("goldMinItemsHint")}>
          {(control) => <Input {...control} name="goldMinItems" type="number" min={1} max={1000} defaultValue={values.goldMinItems} />}
        </Field>
        <Field label={t("goldMinAccuracy")} id={id("goldMinAccuracy")} error={errors.goldMinAccuracy} hint={t("goldMinAccuracyHint")}>
          {(control) => <Input {...control} name="goldMinAccuracy" type="number" step="0.01" min={0} max={1} defaultValue={values.goldMinAccuracy} />}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="goldPause" defaultChecked={values.goldPause} /> {t("goldPause")}
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("overlapMax")} id={id("overlapMax")} error={errors.overlapMax} hint={t("overlapMaxHint")}>
          {(control) => <Input {...control} name="overlapMax" type="number" min={1} max={20} defaultValue={values.overlapMax} />}
        </Field>
        <Field label={t("adaptiveMinAgreement")} id={id("adaptiveMinAgreement")} error={errors.adaptiveMinAgreement} hint={t("adaptiveMinAgreementHint")}>
          {(control) => <Input {...control} name="adaptiveMinAgreement" type="number" step="0.01" min={0} max={1} defaultValue={values.adaptiveMinAgreement} />}
        </Field>
      </div>
      <Button type="submit" variant="primary" disabled={isPending}>
        {t("save")}
      </Button>
    </form>
  );
}
