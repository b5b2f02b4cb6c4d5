"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { EndpointAction, EndpointRowData } from "./action-state";

/**
 * Create or edit an endpoint. On edit, the API key field is empty: leaving it empty keeps the stored
 * key, unless the base URL changes (the server then asks for the key again).
 */
export function EndpointForm({ action, endpoint, idPrefix }: { action: EndpointAction; endpoint?: EndpointRowData; idPrefix: string }) {
  const t = useTranslations("endpoints");
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  const values = state?.status === "error" ? state.values : undefined;
  const value = (name: string, fallback: string | number | undefined) => values?.[name] ?? (fallback === undefined ? "" : String(fallback));
  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <form action={formAction} noValidate className="space-y-4">
      {endpoint ? <input type="hidden" name="endpointId" value={endpoint.id} /> : null}
      {state?.status === "error" ? (
        <Alert tone="error" testId={`${idPrefix}-error`} title={endpoint ? t("notSaved") : t("notCreated")}>
          {state.message}
        </Alert>
      ) : null}
      {state?.status === "ok" ? <Alert tone="success">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} id={id("name")} error={errors.name}>
          {(control) => <Input {...control} name="name" autoComplete="off" defaultValue={value("name", endpoint?.name)} />}
        </Field>
        <Field label={t("model")} id={id("model")} error={errors.model} hint={t("modelHint")}>
          {(control) => <Input {...control} name="model" autoComplete="off" spellCheck={false} defaultValue={value("model", endpoint?.model)} />}
        </Field>
        <Field label={t("baseUrl")} id={id("baseUrl")} error={errors.baseUrl} hint={t("baseUrlHint")}>
          {(control) => <Input {...control} name="baseUrl" type="url" autoComplete="off" spellCheck={false} placeholder="https://api.openai.com/v1" defaultValue={value("baseUrl", endpoint?.baseUrl)} />}
        </Field>
        <Field
          label={t("apiKey")}
          id={id("apiKey")}
          error={errors.apiKey}
          hint={endpoint?.hasApiKey ? t("apiKeyStoredHint", { last4: endpoint.apiKeyLast4 || "····" }) : t("apiKeyNewHint")}
        >
          {(control) => <Input {...control} name="apiKey" type="password" autoComplete="new-password" spellCheck={false} />}
        </Field>
        <Field label={t("temperature")} id={id("temperature")} error={errors["defaults.temperature"]} hint={t("temperatureHint")}>
          {(control) => <Input {...control} name="temperature" inputMode="decimal" defaultValue={value("temperature", endpoint?.temperature)} />}
        </Field>
        <Field label="top_p" id={id("topP")} error={errors["defaults.top_p"]} hint={t("topPHint")}>
          {(control) => <Input {...control} name="top_p" inputMode="decimal" defaultValue={value("top_p", endpoint?.topP)} />}
        </Field>
        <Field label={t("maxTokens")} id={id("maxTokens")} error={errors["defaults.max_tokens"]}>
          {(control) => <Input {...control} name="max_tokens" inputMode="numeric" defaultValue={value("max_tokens", endpoint?.maxTokens)} />}
        </Field>
        <Field label={t("maxConcurrency")} id={id("maxConcurrency")} error={errors.maxConcurrency} hint={t("maxConcurrencyHint")}>
          {(control) => <Input {...control} name="maxConcurrency" inputMode="numeric" defaultValue={value("maxConcurrency", endpoint?.maxConcurrency ?? 4)} />}
        </Field>
        <Field label={t("timeoutMs")} id={id("timeoutMs")} error={errors.timeoutMs}>
          {(control) => <Input {...control} name="timeoutMs" inputMode="numeric" defaultValue={value("timeoutMs", endpoint?.timeoutMs ?? 120000)} />}
        </Field>
        {endpoint?.hasApiKey ? (
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" name="clearApiKey" /> {t("clearApiKey")}
          </label>
        ) : null}
      </div>
      <Button type="submit" variant="primary" disabled={isPending}>
        {endpoint ? t("saveEndpoint") : t("addEndpoint")}
      </Button>
    </form>
  );
}
