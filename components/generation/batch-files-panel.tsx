"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { BatchImportResult } from "@/lib/batch/contracts";
import { batchFileSchema } from "@/lib/generation/schemas";
import { readApiReply } from "@/lib/http/api-reply";
import { fieldErrors } from "@/lib/schemas/field-errors";
import { Textarea } from "@/components/prompt-sets/textarea";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

// OpenAI Batch files: download a request file for a cluster (vLLM run_batch) or the OpenAI Batch API, and
// import its results file back as candidates. Both go through the JSON API (same-origin fetch).

type DownloadState = { status: "idle" } | { status: "busy" } | { status: "done"; lines: string; name: string } | { status: "error"; message: string; fields: Record<string, string> };

function textOrUndefined(value: FormDataEntryValue | null): string | undefined {
  const text = String(value ?? "");
  return text.trim() === "" ? undefined : text;
}

/** The envelope's per-field messages (server/errors.ts `fields`), when the reply has them. */
function replyFields(body: unknown): Record<string, string> {
  const fields = (body as { error?: { fields?: unknown } } | null)?.error?.fields;
  if (typeof fields !== "object" || fields === null) return {};
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function ImportSummary({ result }: { result: BatchImportResult }) {
  const t = useTranslations("batch.summary");
  if (!result.committed && result.invalid > 0 && result.mode === "all-or-nothing") return <>{t("nothingInvalid", { invalid: result.invalid })}</>;
  if (result.imported === 0 && result.alreadyImported > 0) return <>{t("nothingNew", { already: result.alreadyImported })}</>;
  const parts = [
    t("imported", { imported: result.imported }),
    result.tasksCompleted ? t("tasks", { tasks: result.tasksCompleted }) : "",
    result.alreadyImported ? t("already", { already: result.alreadyImported }) : "",
    result.duplicatesInFile ? t("duplicates", { duplicates: result.duplicatesInFile }) : "",
    result.failed ? t("failed", { failed: result.failed }) : "",
    result.invalid ? t("invalid", { invalid: result.invalid }) : "",
  ].filter(Boolean);
  return <>{parts.join(t("separator")) + t("end")}</>;
}

export function BatchFilesPanel({ promptSetId, defaultN }: { promptSetId: string; defaultN: number }) {
  const t = useTranslations("batch");
  const errorText = useErrorText();
  const [download, setDownload] = useState<DownloadState>({ status: "idle" });
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<BatchImportResult | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
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
      const fields = fieldErrors(checked.error);
      setDownload({ status: "error", message: Object.entries(fields).map(([field, problem]) => `${field}: ${problem}`).join("; "), fields });
      return;
    }
    setDownload({ status: "busy" });
    try {
      const response = await fetch(`/api/prompt-sets/${promptSetId}/batch-file`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(settings) });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => null);
        try {
          readApiReply(response.status, body, "none");
        } catch (error) {
          setDownload({ status: "error", message: errorText(error), fields: replyFields(body) });
          return;
        }
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "batch.jsonl";
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      // Revoked later, not at once: the browser reads the blob after click() returns.
      const href = link.href;
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setDownload({ status: "done", lines: response.headers.get("x-arbiter-batch-lines") ?? "?", name });
    } catch (error) {
      setDownload({ status: "error", message: errorText(error), fields: {} });
    }
  }

  async function onImport(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("results");
    setResult(null);
    setImportError(null);
    if (!(file instanceof File) || file.size === 0) {
      setImportError(t("chooseFile"));
      return;
    }
    setImporting(true);
    try {
      const mode = form.get("skipInvalid") === "on" ? "skip-invalid" : "all-or-nothing";
      const response = await fetch(`/api/prompt-sets/${promptSetId}/batch-results?mode=${mode}`, { method: "POST", headers: { "content-type": "application/x-ndjson" }, body: file });
      const body: unknown = await response.json().catch(() => null);
      // 422: read, but nothing stored (the reply lists why); any other failure is the error envelope.
      if (!response.ok && response.status !== 422) readApiReply(response.status, body, "none");
      setResult(body as BatchImportResult);
    } catch (error) {
      setImportError(errorText(error));
    } finally {
      setImporting(false);
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
      <form onSubmit={onImport} noValidate className="space-y-4" aria-label={t("importForm")}>
        <Field label={t("results")} id="batch-results" hint={t("resultsHint")}>
          {(control) => <input {...control} name="results" type="file" accept=".jsonl,.json,.txt,application/x-ndjson" className="block text-sm" />}
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="skipInvalid" /> {t("skipInvalid")}
        </label>
        {importError ? (
          <Alert tone="error" testId="batch-import-error" title={t("notImported")}>
            {importError}
          </Alert>
        ) : null}
        {result ? (
          <div data-testid="batch-import-result" className="space-y-2">
            <Alert tone={result.invalid > 0 && !result.committed ? "warning" : "success"}>
              <ImportSummary result={result} />
            </Alert>
            {[...result.errors, ...result.failures].length > 0 ? (
              <ul className="max-h-48 list-disc overflow-auto pl-5 text-xs text-muted-foreground">
                {[...result.errors, ...result.failures]
                  .sort((a, b) => a.line - b.line)
                  .map((problem) => (
                    <li key={`${problem.line}-${problem.message}`}>{problem.message}</li>
                  ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <Button type="submit" disabled={importing}>
          {t("import")}
        </Button>
      </form>
    </div>
  );
}
