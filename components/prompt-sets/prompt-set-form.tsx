"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionMessage } from "./action-message";
import type { FormAction } from "@/lib/forms/action-state";
import { Textarea } from "./textarea";
import { judgingModes } from "@/lib/vocabulary";

export type PromptSetFormValues = {
  name: string;
  description: string;
  guidelines: string;
  defaultSystemMessage: string;
  judgingMode: string;
  candidatesPerPrompt: string;
  overlap: string;
};

export const emptyPromptSetValues: PromptSetFormValues = {
  name: "",
  description: "",
  guidelines: "",
  defaultSystemMessage: "",
  judgingMode: "PAIRWISE",
  candidatesPerPrompt: "2",
  overlap: "1",
};

/** Creates a set (no promptSetId) or edits one; the same fields either way. */
export function PromptSetForm({ action, initial, promptSetId, submitLabel }: { action: FormAction; initial: PromptSetFormValues; promptSetId?: string; submitLabel: string }) {
  const t = useTranslations("promptSetForm");
  const tv = useTranslations("vocabulary");
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  const values = { ...initial, ...(state?.status === "error" ? state.values : {}) };
  const id = (field: string) => `prompt-set-${field}`;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ActionMessage state={state} testId="prompt-set-form" />
      {promptSetId ? <input type="hidden" name="promptSetId" value={promptSetId} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} id={id("name")} error={errors.name}>
          {(control) => <Input {...control} name="name" defaultValue={values.name} autoComplete="off" />}
        </Field>
        <Field label={t("description")} id={id("description")} error={errors.description}>
          {(control) => <Input {...control} name="description" defaultValue={values.description} autoComplete="off" />}
        </Field>
        <Field label={t("judgingMode")} id={id("judgingMode")} error={errors.judgingMode}>
          {(control) => (
            <Select {...control} name="judgingMode" defaultValue={values.judgingMode}>
              {judgingModes.map((mode) => (
                <option key={mode} value={mode}>{t("modeOption", { mode: tv(`judgingMode.${mode}`), hint: tv(`judgingModeHint.${mode}`) })}</option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field label={t("candidatesPerPrompt")} id={id("candidatesPerPrompt")} error={errors.candidatesPerPrompt}>
            {(control) => <Input {...control} name="candidatesPerPrompt" type="number" min={2} max={16} defaultValue={values.candidatesPerPrompt} />}
          </Field>
          <Field label={t("overlap")} id={id("overlap")} error={errors.overlap} hint={t("overlapHint")}>
            {(control) => <Input {...control} name="overlap" type="number" min={1} max={20} defaultValue={values.overlap} />}
          </Field>
        </div>
      </div>
      <Field label={t("defaultSystemMessage")} id={id("defaultSystemMessage")} error={errors.defaultSystemMessage} hint={t("defaultSystemMessageHint")}>
        {(control) => <Textarea {...control} name="defaultSystemMessage" rows={2} defaultValue={values.defaultSystemMessage} />}
      </Field>
      <Field label={t("guidelines")} id={id("guidelines")} error={errors.guidelines} hint={t("guidelinesHint")}>
        {(control) => <Textarea {...control} name="guidelines" rows={6} defaultValue={values.guidelines} />}
      </Field>
      <Button type="submit" variant="primary" disabled={isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
