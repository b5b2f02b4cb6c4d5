"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/prompt-sets/textarea";
import type { ImportResult } from "@/lib/import/contracts";

/** The import route's reply: the service's result, as JSON. */
type ImportReply = ImportResult;
type ErrorReply = { error: { code: string; message: string } };

const plural = (count: number, word: string) => `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;

/**
 * Upload a file or paste text. The file goes to the import route as the request body, untouched, so
 * the server reads it as a stream; nothing is parsed or held here.
 */
export function ImportPanel({ promptSetId }: { promptSetId: string }) {
  const router = useRouter();
  const [source, setSource] = useState<"file" | "paste">("file");
  const [isBusy, setIsBusy] = useState(false);
  const [reply, setReply] = useState<ImportReply | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const modeName = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const pasted = String(form.get("text") ?? "");
    const body: Blob | string | null = source === "file" ? (file instanceof File && file.size > 0 ? file : null) : pasted.trim() ? pasted : null;
    if (body === null) {
      setFailure(source === "file" ? "Choose a file to import." : "Paste some records to import.");
      setReply(null);
      return;
    }
    const query = new URLSearchParams({
      format: String(form.get("format") ?? "auto"),
      mode: String(form.get("mode") ?? "all-or-nothing"),
      filename: body instanceof File ? body.name : "",
    });
    setIsBusy(true);
    setFailure(null);
    setReply(null);
    try {
      const response = await fetch(`/api/prompt-sets/${promptSetId}/import?${query.toString()}`, { method: "POST", body });
      const json = (await response.json()) as ImportReply | ErrorReply;
      if ("error" in json) setFailure(json.error.message);
      else {
        setReply(json);
        if (json.committed) router.refresh();
      }
    } catch {
      setFailure("The import did not reach the server; check your connection and try again.");
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="import-heading">
      <div className="flex gap-2" role="group" aria-label="Source">
        <Button variant={source === "file" ? "primary" : "secondary"} size="sm" aria-pressed={source === "file"} onClick={() => setSource("file")}>
          Upload a file
        </Button>
        <Button variant={source === "paste" ? "primary" : "secondary"} size="sm" aria-pressed={source === "paste"} onClick={() => setSource("paste")}>
          Paste text
        </Button>
      </div>
      {source === "file" ? (
        <Field label="File" hint="JSONL, a JSON array or CSV with a header row; UTF-8.">
          {(control) => <input {...control} name="file" type="file" accept=".jsonl,.ndjson,.json,.csv,text/csv,application/json" className="block text-sm" />}
        </Field>
      ) : (
        <Field label="Records" hint='One JSON object per line, a JSON array, or CSV: {"prompt": "..."}, {"messages": [...]}, ShareGPT, Alpaca, chosen/rejected.'>
          {(control) => <Textarea {...control} name="text" rows={8} className="font-mono text-xs" spellCheck={false} />}
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Format">
          {(control) => (
            <Select {...control} name="format" defaultValue="auto">
              <option value="auto">Detect</option>
              <option value="jsonl">JSONL</option>
              <option value="json">JSON array</option>
              <option value="csv">CSV</option>
            </Select>
          )}
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">If some records are invalid</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value="all-or-nothing" defaultChecked id={`${modeName}-strict`} /> Import nothing
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value="skip-invalid" id={`${modeName}-skip`} /> Skip invalid records
          </label>
        </fieldset>
      </div>
      <Button type="submit" variant="primary" disabled={isBusy}>
        {isBusy ? "Importing…" : "Import"}
      </Button>
      {failure ? <Alert tone="error" testId="import-error" title={failure} /> : null}
      {reply ? <ImportSummary reply={reply} /> : null}
    </form>
  );
}

function ImportSummary({ reply }: { reply: ImportReply }) {
  const duplicates = reply.duplicatesInFile + reply.duplicatesOfExisting;
  return (
    <div className="space-y-3" data-testid="import-result">
      {reply.committed ? (
        <Alert tone={reply.invalid > 0 ? "warning" : "success"} title={`Imported ${plural(reply.imported, "prompt")} and ${plural(reply.candidatesImported, "answer")}.`}>
          <p>
            {plural(reply.records, "record")} read; {plural(duplicates, "duplicate")} skipped ({reply.duplicatesInFile} within the file, {reply.duplicatesOfExisting} already in the set)
            {reply.invalid > 0 ? `; ${plural(reply.invalid, "invalid record")} skipped` : ""}.
          </p>
        </Alert>
      ) : (
        <Alert tone="error" testId="import-refused" title={`Nothing was imported: ${plural(reply.invalid, "record")} of ${reply.records.toLocaleString("en")} ${reply.invalid === 1 ? "is" : "are"} invalid.`}>
          <p>Fix them and import again, or choose “Skip invalid records”.</p>
        </Alert>
      )}
      {reply.errors.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium">Invalid records{reply.invalid > reply.errors.length ? ` (first ${reply.errors.length} of ${reply.invalid})` : ""}</h3>
          <ul className="mt-1 max-h-64 list-inside list-disc overflow-auto text-sm" data-testid="import-errors">
            {reply.errors.map((error) => (
              <li key={`${error.line}-${error.message}`}>{error.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
