"use client";

import { useState, type FormEvent } from "react";
import type { BatchImportResult } from "@/lib/batch/contracts";
import { readApiReply } from "@/lib/http/api-reply";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

// OpenAI Batch files: download a request file for a cluster (vLLM run_batch) or the OpenAI Batch API, and
// import its results file back as candidates. Both go through the JSON API (same-origin fetch).

type DownloadState = { status: "idle" } | { status: "busy" } | { status: "done"; message: string } | { status: "error"; message: string };

function numberOrUndefined(value: FormDataEntryValue | null): number | string | undefined {
  const text = String(value ?? "").trim();
  return text === "" ? undefined : text;
}

export function BatchFilesPanel({ promptSetId, defaultN }: { promptSetId: string; defaultN: number }) {
  const [download, setDownload] = useState<DownloadState>({ status: "idle" });
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<BatchImportResult | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  async function onDownload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setDownload({ status: "busy" });
    const settings = {
      model: String(form.get("model") ?? ""),
      scope: String(form.get("scope") ?? "missing"),
      samples: numberOrUndefined(form.get("samples")),
      temperature: numberOrUndefined(form.get("temperature")),
      max_tokens: numberOrUndefined(form.get("max_tokens")),
      seed: numberOrUndefined(form.get("seed")),
    };
    try {
      const response = await fetch(`/api/prompt-sets/${promptSetId}/batch-file`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(settings) });
      if (!response.ok) readApiReply(response.status, await response.json().catch(() => null), "none");
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "batch.jsonl";
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
      setDownload({ status: "done", message: `${response.headers.get("x-arbiter-batch-lines") ?? "?"} requests written to ${name}.` });
    } catch (error) {
      setDownload({ status: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }

  async function onImport(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("results");
    setResult(null);
    setImportError(null);
    if (!(file instanceof File) || file.size === 0) {
      setImportError("Choose the results file the Batch service wrote.");
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
      setImportError(error instanceof Error ? error.message : String(error));
    } finally {
      setImporting(false);
    }
  }

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form onSubmit={onDownload} noValidate className="space-y-4" aria-label="Download Batch file">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Model" id="batch-model" hint="As the Batch service names it (one model per file).">
            {(control) => <Input {...control} name="model" required />}
          </Field>
          <Field label="Prompts" id="batch-scope">
            {(control) => (
              <Select {...control} name="scope" defaultValue="missing">
                <option value="missing">Those with fewer than N candidates</option>
                <option value="all">All prompts</option>
              </Select>
            )}
          </Field>
          <Field label="Candidates per prompt (N)" id="batch-n">
            {(control) => <Input {...control} name="samples" inputMode="numeric" defaultValue={String(defaultN)} />}
          </Field>
          <Field label="Temperature" id="batch-temperature" hint="Empty: the server's default.">
            {(control) => <Input {...control} name="temperature" inputMode="decimal" />}
          </Field>
          <Field label="Max tokens" id="batch-max-tokens">
            {(control) => <Input {...control} name="max_tokens" inputMode="numeric" />}
          </Field>
          <Field label="Seed" id="batch-seed" hint="Sample i uses seed + i.">
            {(control) => <Input {...control} name="seed" inputMode="numeric" />}
          </Field>
        </div>
        {download.status === "error" ? (
          <Alert tone="error" testId="batch-file-error" title="No file was written.">
            {download.message}
          </Alert>
        ) : null}
        {download.status === "done" ? <Alert tone="success">{download.message}</Alert> : null}
        <Button type="submit" disabled={download.status === "busy"}>
          Download Batch file
        </Button>
      </form>
      <form onSubmit={onImport} noValidate className="space-y-4" aria-label="Import Batch results">
        <Field label="Results file" id="batch-results" hint="The output JSONL of the OpenAI Batch API or vLLM run_batch, for a file downloaded here.">
          {(control) => <input {...control} name="results" type="file" accept=".jsonl,.json,.txt,application/x-ndjson" className="block text-sm" />}
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="skipInvalid" /> Skip invalid lines (otherwise an invalid line imports nothing)
        </label>
        {importError ? (
          <Alert tone="error" testId="batch-import-error" title="Nothing was imported.">
            {importError}
          </Alert>
        ) : null}
        {result ? (
          <div data-testid="batch-import-result" className="space-y-2">
            <Alert tone={result.invalid > 0 && !result.committed ? "warning" : "success"}>{result.summary}</Alert>
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
          Import Batch results
        </Button>
      </form>
    </div>
  );
}
