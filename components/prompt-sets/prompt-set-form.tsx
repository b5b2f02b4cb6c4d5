"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionMessage } from "./action-message";
import type { FormAction } from "@/lib/forms/action-state";
import { Textarea } from "./textarea";
import { judgingModeHints, judgingModeLabels, judgingModes } from "@/lib/vocabulary";

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
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  const values = { ...initial, ...(state?.status === "error" ? state.values : {}) };
  const id = (field: string) => `prompt-set-${field}`;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ActionMessage state={state} testId="prompt-set-form" />
      {promptSetId ? <input type="hidden" name="promptSetId" value={promptSetId} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" id={id("name")} error={errors.name}>
          {(control) => <Input {...control} name="name" defaultValue={values.name} autoComplete="off" />}
        </Field>
        <Field label="Description" id={id("description")} error={errors.description}>
          {(control) => <Input {...control} name="description" defaultValue={values.description} autoComplete="off" />}
        </Field>
        <Field label="Judging mode" id={id("judgingMode")} error={errors.judgingMode}>
          {(control) => (
            <Select {...control} name="judgingMode" defaultValue={values.judgingMode}>
              {judgingModes.map((mode) => (
                <option key={mode} value={mode}>{`${judgingModeLabels[mode]} (${judgingModeHints[mode]})`}</option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field label="Candidates per prompt" id={id("candidatesPerPrompt")} error={errors.candidatesPerPrompt}>
            {(control) => <Input {...control} name="candidatesPerPrompt" type="number" min={2} max={16} defaultValue={values.candidatesPerPrompt} />}
          </Field>
          <Field label="Overlap" id={id("overlap")} error={errors.overlap} hint="Annotators per prompt">
            {(control) => <Input {...control} name="overlap" type="number" min={1} max={20} defaultValue={values.overlap} />}
          </Field>
        </div>
      </div>
      <Field label="Default system message" id={id("defaultSystemMessage")} error={errors.defaultSystemMessage} hint="Used for prompts that have no system message of their own. Leave empty for none.">
        {(control) => <Textarea {...control} name="defaultSystemMessage" rows={2} defaultValue={values.defaultSystemMessage} />}
      </Field>
      <Field label="Guidelines (Markdown)" id={id("guidelines")} error={errors.guidelines} hint="Shown to annotators beside every prompt.">
        {(control) => <Textarea {...control} name="guidelines" rows={6} defaultValue={values.guidelines} />}
      </Field>
      <Button type="submit" variant="primary" disabled={isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
