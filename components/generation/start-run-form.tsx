"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
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
  const t = useTranslations("generationRun.form");
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  // The new run's progress panel is rendered at the top of the page (the action's refresh brings it);
  // take the user there rather than leave them at the bottom of the form.
  const startedRunId = state?.status === "ok" ? state.runId : undefined;
  useEffect(() => {
    if (!startedRunId) return;
    // The panel arrives with the action's refresh, normally in the same commit; look for it for up to ~1 s of frames.
    let frames = 0;
    let handle = 0;
    const scroll = () => {
      const panel = document.querySelector(`[data-testid="run-${startedRunId}"]`);
      if (panel) panel.scrollIntoView({ block: "nearest" });
      else if (frames++ < 60) handle = requestAnimationFrame(scroll);
    };
    scroll();
    return () => cancelAnimationFrame(handle);
  }, [startedRunId]);
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      {state?.status === "error" ? (
        <Alert tone="error" testId="start-run-error" title={t("notStarted")}>
          {state.message}
        </Alert>
      ) : null}
      {state?.status === "ok" ? <Alert tone="success">{state.message}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("endpoints")}</legend>
        {endpoints.map((endpoint) => (
          <label key={endpoint.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="endpointIds" value={endpoint.id} defaultChecked={endpoints.length === 1} />
            {endpoint.name} <span className="text-muted-foreground">{t("model", { model: endpoint.model })}</span>
          </label>
        ))}
        {errors.endpointIds ? (
          <p className="text-xs font-medium text-danger-text" data-testid="endpointIds-error">
            {errors.endpointIds}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("n")} id="run-n" error={errors.candidatesPerModel}>
          {(control) => <Input {...control} name="candidatesPerModel" inputMode="numeric" defaultValue={String(defaultN)} />}
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="spreadAcrossModels" /> {t("spread")}
        </label>
        <span />
        <Field label={t("temperature")} id="run-temperature" error={errors.temperature} hint={t("temperatureHint")}>
          {(control) => <Input {...control} name="temperature" inputMode="decimal" />}
        </Field>
        <Field label="top_p" id="run-top-p" error={errors.top_p}>
          {(control) => <Input {...control} name="top_p" inputMode="decimal" />}
        </Field>
        <Field label={t("maxTokens")} id="run-max-tokens" error={errors.max_tokens}>
          {(control) => <Input {...control} name="max_tokens" inputMode="numeric" />}
        </Field>
        <Field label={t("seed")} id="run-seed" error={errors.seed} hint={t("seedHint")}>
          {(control) => <Input {...control} name="seed" inputMode="numeric" />}
        </Field>
        <Field label={t("stop")} id="run-stop" error={errors.stop} hint={t("stopHint")}>
          {(control) => <textarea {...control} name="stop" rows={2} className={textareaClasses} />}
        </Field>
      </div>
      <Field label={t("system")} id="run-system" error={errors.systemOverride} hint={t("systemHint")}>
        {(control) => <textarea {...control} name="systemOverride" rows={3} className={textareaClasses} />}
      </Field>
      <Button type="submit" variant="primary" disabled={isPending || endpoints.length === 0}>
        {t("start")}
      </Button>
    </form>
  );
}
