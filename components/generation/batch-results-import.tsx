"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { BatchImportResult, BatchLineProblem } from "@/lib/batch/contracts";
import { batchLineKey } from "@/lib/batch/line-key";
import { readApiReply } from "@/lib/http/api-reply";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

// Importing a Batch results file (OpenAI Batch API or vLLM run_batch output) into a prompt set, through
// POST /api/prompt-sets/:id/batch-results: the summary of what was stored and each line's problem. Used by
// the Batch page and by a generation run's Batch panel (the custom_ids say which file, and so which run).

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

/** `idPrefix` keeps the control ids unique when a page shows several of these (one per run). */
export function BatchResultsImport({ promptSetId, idPrefix = "batch", onImported }: { promptSetId: string; idPrefix?: string; onImported?: (result: BatchImportResult) => void }) {
  const t = useTranslations("batch");
  const errorText = useErrorText();
  // A result line's problem placed by line (and custom_id), in the user's language; an older reply's English as it is.
  const lineText = (problem: BatchLineProblem) =>
    problem.problem ? errorText({ key: batchLineKey(problem.customId), params: { line: String(problem.line), customId: problem.customId ?? "", problem: errorText(problem.problem) }, message: problem.message }) : problem.message;
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<BatchImportResult | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

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
      const imported = body as BatchImportResult;
      setResult(imported);
      if (imported.imported > 0) onImported?.(imported);
    } catch (error) {
      setImportError(errorText(error));
    } finally {
      setImporting(false);
    }
  }

  const problems = result ? [...result.errors, ...result.failures].sort((a, b) => a.line - b.line) : [];
  return (
    <form onSubmit={onImport} noValidate className="space-y-4" aria-label={t("importForm")}>
      <Field label={t("results")} id={`${idPrefix}-results`} hint={t("resultsHint")}>
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
          {problems.length > 0 ? (
            <ul className="max-h-48 list-disc overflow-auto pl-5 text-xs text-muted-foreground" data-testid="batch-import-problems" aria-label={t("problems")}>
              {problems.map((problem) => (
                <li key={`${problem.line}-${problem.message}`}>{lineText(problem)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Button type="submit" disabled={importing}>
        {t("import")}
      </Button>
    </form>
  );
}
