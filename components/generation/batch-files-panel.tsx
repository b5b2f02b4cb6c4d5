"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { batchFileSchema } from "@/lib/generation/schemas";
import { describeFieldProblems, fieldReasons } from "@/lib/schemas/field-message";
import { Textarea } from "@/components/prompt-sets/textarea";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { BatchFileRefused, downloadBatchFile } from "./batch-download";
import { BatchResultsImport } from "./batch-results-import";

// OpenAI Batch files: download a request file for a cluster (vLLM run_batch) or the OpenAI Batch API, and
// import its results file back as candidates. Both go through the JSON API (same-origin fetch).

type DownloadState = { status: "idle" } | { status: "busy" } | { status: "done"; lines: string; name: string } | { status: "error"; message: string; fields: Record<string, string> };

function textOrUndefined(value: FormDataEntryValue | null): string | undefined {
  const text = String(value ?? "");
  return text.trim() === "" ? undefined : text;
}

export function BatchFilesPanel({ promptSetId, defaultN }: { promptSetId: string; defaultN: number }) {
  const t = useTranslations("batch");
  const errorText = useErrorText();
  // Each field's reason in the user's language (useErrorText reads { key, params } or a plain { message }).
  const translateFields = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([field, reason]) => [field, errorText(reason)]));
  const [download, setDownload] = useState<DownloadState>({ status: "idle" });
  const errors = download.status === "error" ? download.fields : {};

  async function onDownload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const settings = {
      model: String(form.get("model") ?? ""),
      scope: String(form.get("scope") ?? "missing"),
      samples: textOrUndefined(form.get("samples")),
      temperature: textOrUndefined(form.get("temperature")),
      top_p: textOrUndefined(form.get("top_p")),
      max_tokens: textOrUndefined(form.get("max_tokens")),
      seed: textOrUndefined(form.get("seed")),
      stop: String(form.get("stop") ?? ""),
      systemOverride: textOrUndefined(form.get("systemOverride")),
    };
    // The API's own schema (lib/generation/schemas.ts) first, so each field's problem shows beside it
    // without a round trip; the server parses the same settings again and its `fields` show the same way.
    const checked = batchFileSchema.safeParse(settings);
    if (!checked.success) {
      const fields = translateFields(fieldReasons(checked.error));
      setDownload({ status: "error", message: describeFieldProblems(fields), fields });
      return;
    }
    setDownload({ status: "busy" });
    try {
      const saved = await downloadBatchFile(`/api/prompt-sets/${promptSetId}/batch-file`, settings);
      setDownload({ status: "done", ...saved });
    } catch (error) {
      setDownload(error instanceof BatchFileRefused ? { status: "error", message: errorText(error.reason), fields: translateFields(error.fields) } : { status: "error", message: errorText(error), fields: {} });
    }
  }

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form onSubmit={onDownload} noValidate className="space-y-4" aria-label={t("downloadForm")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("model")} id="batch-model" hint={t("modelHint")} error={errors.model}>
            {(control) => <Input {...control} name="model" required />}
          </Field>
          <Field label={t("scope")} id="batch-scope" error={errors.scope}>
            {(control) => (
              <Select {...control} name="scope" defaultValue="missing">
                <option value="missing">{t("scopeMissing")}</option>
                <option value="all">{t("scopeAll")}</option>
              </Select>
            )}
          </Field>
          <Field label={t("n")} id="batch-n" error={errors.samples}>
            {(control) => <Input {...control} name="samples" inputMode="numeric" defaultValue={String(defaultN)} />}
          </Field>
          <Field label={t("temperature")} id="batch-temperature" hint={t("temperatureHint")} error={errors.temperature}>
            {(control) => <Input {...control} name="temperature" inputMode="decimal" />}
          </Field>
          <Field label={t("topP")} id="batch-top-p" hint={t("topPHint")} error={errors.top_p}>
            {(control) => <Input {...control} name="top_p" inputMode="decimal" />}
          </Field>
          <Field label={t("maxTokens")} id="batch-max-tokens" error={errors.max_tokens}>
            {(control) => <Input {...control} name="max_tokens" inputMode="numeric" />}
          </Field>
          <Field label={t("seed")} id="batch-seed" hint={t("seedHint")} error={errors.seed}>
            {(control) => <Input {...control} name="seed" inputMode="numeric" />}
          </Field>
          <Field label={t("stop")} id="batch-stop" hint={t("stopHint")} error={errors.stop ?? Object.entries(errors).find(([field]) => field.startsWith("stop."))?.[1]}>
            {(control) => <Textarea {...control} name="stop" rows={2} />}
          </Field>
        </div>
        <Field label={t("system")} id="batch-system" hint={t("systemHint")} error={errors.systemOverride}>
          {(control) => <Textarea {...control} name="systemOverride" rows={3} />}
        </Field>
        {download.status === "error" ? (
          <Alert tone="error" testId="batch-file-error" title={t("notWritten")}>
            {download.message}
          </Alert>
        ) : null}
        {download.status === "done" ? <Alert tone="success">{t("written", { lines: download.lines, name: download.name })}</Alert> : null}
        <Button type="submit" disabled={download.status === "busy"}>
          {t("download")}
        </Button>
      </form>
      <BatchResultsImport promptSetId={promptSetId} />
    </div>
  );
}
