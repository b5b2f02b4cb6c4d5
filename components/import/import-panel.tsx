"use client";

import { deploymentHeaders } from "@/lib/http/deployment";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/prompt-sets/textarea";
import type { ColumnMapping } from "@/lib/import/column-mapping";
import type { ImportResult } from "@/lib/import/contracts";

/** The import route's reply: the service's result, as JSON. */
type ImportReply = ImportResult;
type ErrorReply = { error: { code: string; message: string } };

const plural = (count: number, word: string) => `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;

const SHAPE_NAMES: Record<string, string> = {
  "hh-rlhf": "Anthropic HH-RLHF",
  ultrafeedback: "UltraFeedback binarized",
  "chatbot-arena": "Chatbot Arena",
  gsm8k: "GSM8K",
  math: "MATH",
  "column-mapping": "your column mapping",
};

/**
 * Upload a file or paste text. The file goes to the import route as the request body, untouched, so
 * the server reads it as a stream; nothing is parsed or held here. A file in a shape Arbiter does not
 * know gets a column-mapping step: the refusal names the fields of its first record, the admin says
 * which is the prompt, the answers, and so on, and imports again; the set keeps the mapping.
 */
export function ImportPanel({ promptSetId, savedMapping }: { promptSetId: string; savedMapping: ColumnMapping | null }) {
  const router = useRouter();
  const [source, setSource] = useState<"file" | "paste">("file");
  const [isBusy, setIsBusy] = useState(false);
  const [reply, setReply] = useState<ImportReply | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isMapping, setIsMapping] = useState(false);
  const [knownFields, setKnownFields] = useState<string[]>(() => (savedMapping ? mappedFields(savedMapping) : []));
  const modeName = useId();
  const fieldListId = useId();

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
    if (isMapping) query.set("mapping", JSON.stringify(mappingFromForm(form)));
    setIsBusy(true);
    setFailure(null);
    setReply(null);
    try {
      const response = await fetch(`/api/prompt-sets/${promptSetId}/import?${query.toString()}`, { method: "POST", body, headers: deploymentHeaders() });
      const json = (await response.json()) as ImportReply | ErrorReply;
      if ("error" in json) setFailure(json.error.message);
      else {
        setReply(json);
        if (json.unknownShape) {
          setKnownFields((fields) => [...new Set([...fields, ...json.unknownShape!.fields])]);
          setIsMapping(true);
        }
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
        <Field label="File" hint="JSONL, a JSON array, CSV with a header row (UTF-8), or Parquet.">
          {(control) => <input {...control} name="file" type="file" accept=".jsonl,.ndjson,.json,.csv,.parquet,text/csv,application/json" className="block text-sm" />}
        </Field>
      ) : (
        <Field label="Records" hint='One JSON object per line, a JSON array, or CSV: {"prompt": "..."}, {"messages": [...]}, ShareGPT, Alpaca, chosen/rejected, HH-RLHF, UltraFeedback, Chatbot Arena, GSM8K, MATH.'>
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
              <option value="parquet">Parquet</option>
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
      <div className="space-y-3 rounded-md border border-border p-3">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={isMapping} onChange={(event) => setIsMapping(event.currentTarget.checked)} /> Map columns (a shape Arbiter does not know)
        </label>
        {isMapping ? (
          <div className="space-y-3" data-testid="column-mapping">
            <p className="text-sm text-muted-foreground">
              Name the file&apos;s fields. Every field not named here is kept as metadata. The mapping is saved with the set when the import succeeds.
              {knownFields.length > 0 ? ` Fields seen: ${knownFields.join(", ")}.` : ""}
            </p>
            <datalist id={fieldListId}>
              {knownFields.map((field) => (
                <option key={field} value={field} />
              ))}
            </datalist>
            <div className="grid gap-3 sm:grid-cols-2">
              <MappingInput label="Prompt field" name="map-prompt" list={fieldListId} defaultValue={savedMapping?.prompt} hint="Text, or a list of {role, content} messages." />
              <MappingInput label="System message field" name="map-system" list={fieldListId} defaultValue={savedMapping?.system} />
              <MappingInput label="Answer fields" name="map-answers" list={fieldListId} defaultValue={savedMapping?.answers.join(", ")} hint="Comma-separated, in order." />
              <MappingInput label="Label field" name="map-label" list={fieldListId} defaultValue={savedMapping?.label} hint="Names the better answer: its field, number (1 = first) or letter; or “tie” / “both bad”." />
              <MappingInput label="Chosen answer field" name="map-chosen" list={fieldListId} defaultValue={savedMapping?.chosen} />
              <MappingInput label="Rejected answer field" name="map-rejected" list={fieldListId} defaultValue={savedMapping?.rejected} />
              <MappingInput label="Reference answer field" name="map-reference" list={fieldListId} defaultValue={savedMapping?.reference} />
              <MappingInput label="Id field" name="map-id" list={fieldListId} defaultValue={savedMapping?.id} />
            </div>
          </div>
        ) : null}
      </div>
      <Button type="submit" variant="primary" disabled={isBusy}>
        {isBusy ? "Importing…" : "Import"}
      </Button>
      {failure ? <Alert tone="error" testId="import-error" title={failure} /> : null}
      {reply ? <ImportSummary reply={reply} /> : null}
    </form>
  );
}

function MappingInput({ label, name, list, defaultValue, hint }: { label: string; name: string; list: string; defaultValue: string | undefined; hint?: string }) {
  return (
    <Field label={label} {...(hint ? { hint } : {})}>
      {(control) => <Input {...control} name={name} list={list} defaultValue={defaultValue ?? ""} autoComplete="off" />}
    </Field>
  );
}

/** The mapping as the API takes it; the server validates it and names any field that is wrong. */
function mappingFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const mapping: Record<string, unknown> = { prompt: text("map-prompt") };
  const answers = text("map-answers")
    .split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
  if (answers.length > 0) mapping.answers = answers;
  for (const key of ["system", "label", "chosen", "rejected", "reference", "id"] as const) {
    const value = text(`map-${key}`);
    if (value !== "") mapping[key] = value;
  }
  return mapping;
}

function mappedFields(mapping: ColumnMapping): string[] {
  return [mapping.prompt, mapping.system, ...mapping.answers, mapping.label, mapping.chosen, mapping.rejected, mapping.reference, mapping.id].filter((field): field is string => field !== undefined);
}

function ImportSummary({ reply }: { reply: ImportReply }) {
  const duplicates = reply.duplicatesInFile + reply.duplicatesOfExisting;
  const shapes = Object.entries(reply.shapes).filter(([, count]) => (count ?? 0) > 0);
  return (
    <div className="space-y-3" data-testid="import-result">
      {reply.committed ? (
        <Alert tone={reply.invalid > 0 ? "warning" : "success"} title={`Imported ${plural(reply.imported, "prompt")} and ${plural(reply.candidatesImported, "answer")}.`}>
          <p>
            {plural(reply.records, "record")} read; {plural(duplicates, "duplicate")} skipped ({reply.duplicatesInFile} within the file, {reply.duplicatesOfExisting} already in the set)
            {reply.invalid > 0 ? `; ${plural(reply.invalid, "invalid record")} skipped` : ""}.
            {reply.judgmentsImported > 0 ? ` ${plural(reply.judgmentsImported, "preference label")} imported as judgments.` : ""}
          </p>
          {shapes.length > 0 ? <p>Read as {shapes.map(([shape, count]) => `${SHAPE_NAMES[shape] ?? shape} (${(count ?? 0).toLocaleString("en")})`).join(", ")}.</p> : null}
        </Alert>
      ) : (
        <Alert tone="error" testId="import-refused" title={`Nothing was imported: ${plural(reply.invalid, "record")} of ${reply.records.toLocaleString("en")} ${reply.invalid === 1 ? "is" : "are"} invalid.`}>
          <p>Fix them and import again, or choose “Skip invalid records”.</p>
        </Alert>
      )}
      {reply.unknownShape ? (
        <Alert tone="warning" testId="import-unknown-shape" title={`Line ${reply.unknownShape.line} is in a shape Arbiter does not know.`}>
          <p>Its fields: {reply.unknownShape.fields.join(", ")}. Map its columns above and import again.</p>
        </Alert>
      ) : null}
      {reply.notices.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium">Read in a way you might not expect</h3>
          <ul className="mt-1 list-inside list-disc text-sm" data-testid="import-notices">
            {reply.notices.map((notice) => (
              <li key={notice.code}>
                {plural(notice.count, "record")} (first at {reply.format === "csv" || reply.format === "parquet" ? "row" : "line"} {notice.firstLine}): {notice.message}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
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
