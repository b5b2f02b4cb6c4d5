"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { RunActionState } from "./types";

const textareaClasses = "block w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-sm shadow-xs focus-visible:border-ring aria-[invalid=true]:border-danger";

type EndpointChoice = { id: string; name: string; model: string };

export function StartRunForm({
  promptSetId,
  endpoints,
  defaultN,
  action,
}: {
  promptSetId: string;
  endpoints: EndpointChoice[];
  defaultN: number;
  action: (previous: RunActionState | null, formData: FormData) => Promise<RunActionState>;
}) {
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      {state?.status === "error" ? (
        <Alert tone="error" testId="start-run-error" title="The run was not started.">
          {state.message}
        </Alert>
      ) : null}
      {state?.status === "ok" ? <Alert tone="success">{state.message}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Endpoints</legend>
        {endpoints.map((endpoint) => (
          <label key={endpoint.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="endpointIds" value={endpoint.id} defaultChecked={endpoints.length === 1} />
            {endpoint.name} <span className="text-muted-foreground">({endpoint.model})</span>
          </label>
        ))}
        {errors.endpointIds ? (
          <p className="text-xs font-medium text-danger-text" data-testid="endpointIds-error">
            {errors.endpointIds}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Candidates per prompt (N)" id="run-n" error={errors.candidatesPerModel}>
          {(control) => <Input {...control} name="candidatesPerModel" inputMode="numeric" defaultValue={String(defaultN)} />}
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="spreadAcrossModels" /> Spread N across the models (instead of N per model)
        </label>
        <span />
        <Field label="Temperature" id="run-temperature" error={errors.temperature} hint="Empty: the endpoint's default.">
          {(control) => <Input {...control} name="temperature" inputMode="decimal" />}
        </Field>
        <Field label="top_p" id="run-top-p" error={errors.top_p}>
          {(control) => <Input {...control} name="top_p" inputMode="decimal" />}
        </Field>
        <Field label="Max tokens" id="run-max-tokens" error={errors.max_tokens}>
          {(control) => <Input {...control} name="max_tokens" inputMode="numeric" />}
        </Field>
        <Field label="Seed" id="run-seed" error={errors.seed} hint="Sample i uses seed + i.">
          {(control) => <Input {...control} name="seed" inputMode="numeric" />}
        </Field>
        <Field label="Stop sequences" id="run-stop" error={errors.stop} hint="One per line, at most 4.">
          {(control) => <textarea {...control} name="stop" rows={2} className={textareaClasses} />}
        </Field>
      </div>
      <Field label="System message override" id="run-system" error={errors.systemOverride} hint="Replaces each prompt's system message for this run. Empty: the prompt's own, else the set's default.">
        {(control) => <textarea {...control} name="systemOverride" rows={3} className={textareaClasses} />}
      </Field>
      <Button type="submit" variant="primary" disabled={isPending || endpoints.length === 0}>
        Start generation
      </Button>
    </form>
  );
}
