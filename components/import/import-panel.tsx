"use client";

import { deploymentHeaders } from "@/lib/http/deployment";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/prompt-sets/textarea";
import type { ColumnMapping } from "@/lib/import/column-mapping";
import { recordErrorKey } from "@/lib/import/record-error-key";
import type { RecordError } from "@/lib/import/types";
import type { ImportResult } from "@/lib/import/contracts";
import { useErrorText } from "@/components/i18n/use-error-text";

/** The import route's reply: the service's result, as JSON. */
type ImportReply = ImportResult;
type ErrorReply = { error: { code: string; message: string; key?: string; params?: Record<string, string | number> } };

/** Public datasets' own names (not translated); the column mapping is named by the catalogue. */
const SHAPE_NAMES: Record<string, string> = {
  "hh-rlhf": "Anthropic HH-RLHF",
  ultrafeedback: "UltraFeedback binarized",
  "chatbot-arena": "Chatbot Arena",
  gsm8k: "GSM8K",
  math: "MATH",
};

/**
 * Upload a file or paste text. The file goes to the import route as the request body, untouched, so
 * the server reads it as a stream; nothing is parsed or held here. A file in a shape Arbiter does not
 * know gets a column-mapping step: the refusal names the fields of its first record, the admin says
 * which is the prompt, the answers, and so on, and imports again; the set keeps the mapping.
 */
export function ImportPanel({ promptSetId, savedMapping }: { promptSetId: string; savedMapping: ColumnMapping | null }) {
  const t = useTranslations("importPanel");
  const errorText = useErrorText();
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
      setFailure(source === "file" ? t("chooseFile") : t("pasteSome"));
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
      if ("error" in json) setFailure(errorText(json.error));
      else {
        setReply(json);
        if (json.unknownShape) {
          setKnownFields((fields) => [...new Set([...fields, ...json.unknownShape!.fields])]);
          setIsMapping(true);
        }
        if (json.committed) router.refresh();
      }
    } catch {
      setFailure(t("unreachable"));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="import-heading">
      <div className="flex gap-2" role="group" aria-label={t("source")}>
        <Button variant={source === "file" ? "primary" : "secondary"} size="sm" aria-pressed={source === "file"} onClick={() => setSource("file")}>
          {t("uploadFile")}
        </Button>
        <Button variant={source === "paste" ? "primary" : "secondary"} size="sm" aria-pressed={source === "paste"} onClick={() => setSource("paste")}>
          {t("pasteText")}
        </Button>
      </div>
      {source === "file" ? (
        <Field label={t("file")} hint={t("fileHint")}>
          {(control) => <input {...control} name="file" type="file" accept=".jsonl,.ndjson,.json,.csv,.parquet,text/csv,application/json" className="block text-sm" />}
        </Field>
      ) : (
        <Field label={t("records")} hint={t("recordsHint")}>
          {(control) => <Textarea {...control} name="text" rows={8} className="font-mono text-xs" spellCheck={false} />}
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("format")}>
          {(control) => (
            <Select {...control} name="format" defaultValue="auto">
              <option value="auto">{t("detect")}</option>
              <option value="jsonl">JSONL</option>
              <option value="json">{t("jsonArray")}</option>
              <option value="csv">CSV</option>
              <option value="parquet">Parquet</option>
            </Select>
          )}
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">{t("ifInvalid")}</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value="all-or-nothing" defaultChecked id={`${modeName}-strict`} /> {t("importNothing")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value="skip-invalid" id={`${modeName}-skip`} /> {t("skipInvalid")}
          </label>
        </fieldset>
      </div>
      <div className="space-y-3 rounded-md border border-border p-3">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={isMapping} onChange={(event) => setIsMapping(event.currentTarget.checked)} /> {t("mapColumns")}
        </label>
        {isMapping ? (
          <div className="space-y-3" data-testid="column-mapping">
            <p className="text-sm text-muted-foreground">
              {t("mappingHelp")}
              {knownFields.length > 0 ? ` ${t("fieldsSeen", { fields: knownFields.join(", ") })}` : ""}
            </p>
            <datalist id={fieldListId}>
              {knownFields.map((field) => (
                <option key={field} value={field} />
              ))}
            </datalist>
            <div className="grid gap-3 sm:grid-cols-2">
              <MappingInput label={t("map.prompt")} name="map-prompt" list={fieldListId} defaultValue={savedMapping?.prompt} hint={t("map.promptHint")} />
              <MappingInput label={t("map.system")} name="map-system" list={fieldListId} defaultValue={savedMapping?.system} />
              <MappingInput label={t("map.answers")} name="map-answers" list={fieldListId} defaultValue={savedMapping?.answers.join(", ")} hint={t("map.answersHint")} />
              <MappingInput label={t("map.label")} name="map-label" list={fieldListId} defaultValue={savedMapping?.label} hint={t("map.labelHint")} />
              <MappingInput label={t("map.chosen")} name="map-chosen" list={fieldListId} defaultValue={savedMapping?.chosen} />
              <MappingInput label={t("map.rejected")} name="map-rejected" list={fieldListId} defaultValue={savedMapping?.rejected} />
              <MappingInput label={t("map.reference")} name="map-reference" list={fieldListId} defaultValue={savedMapping?.reference} />
              <MappingInput label={t("map.id")} name="map-id" list={fieldListId} defaultValue={savedMapping?.id} />
            </div>
          </div>
        ) : null}
      </div>
      <Button type="submit" variant="primary" disabled={isBusy}>
        {isBusy ? t("importing") : t("import")}
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

/** A refused record in the user's language: the problem's reason placed by line (or row) and field; an older reply's English as it is. */
function useRecordErrorText(): (error: RecordError) => string {
  const errorText = useErrorText();
  return (error) => {
    if (!error.problem) return error.message;
    const problem = errorText(error.problem);
    return errorText({ key: recordErrorKey(error.unit, error.field), params: { line: String(error.line), field: error.field ?? "", problem }, message: error.message });
  };
}

function ImportSummary({ reply }: { reply: ImportReply }) {
  const t = useTranslations("importPanel");
  const recordErrorText = useRecordErrorText();
  const format = useFormatter();
  const duplicates = reply.duplicatesInFile + reply.duplicatesOfExisting;
  const shapes = Object.entries(reply.shapes).filter(([, count]) => (count ?? 0) > 0);
  return (
    <div className="space-y-3" data-testid="import-result">
      {reply.committed ? (
        <Alert tone={reply.invalid > 0 ? "warning" : "success"} title={t("result.imported", { prompts: reply.imported, answers: reply.candidatesImported })}>
          <p>
            {t("result.read", { records: reply.records, duplicates, inFile: reply.duplicatesInFile, existing: reply.duplicatesOfExisting })}
            {reply.invalid > 0 ? ` ${t("result.invalidSkipped", { count: reply.invalid })}` : ""}
            {reply.judgmentsImported > 0 ? ` ${t("result.labels", { count: reply.judgmentsImported })}` : ""}
          </p>
          {shapes.length > 0 ? (
            <p>
              {t("result.readAs", {
                shapes: format.list(
                  shapes.map(([shape, count]) => t("result.shape", { name: shape === "column-mapping" ? t("result.columnMapping") : (SHAPE_NAMES[shape] ?? shape), count: count ?? 0 })),
                  { type: "conjunction" },
                ),
              })}
            </p>
          ) : null}
        </Alert>
      ) : (
        <Alert tone="error" testId="import-refused" title={t("result.refused", { invalid: reply.invalid, records: reply.records })}>
          <p>{t("result.refusedHelp")}</p>
        </Alert>
      )}
      {reply.unknownShape ? (
        <Alert tone="warning" testId="import-unknown-shape" title={t("result.unknownShape", { line: reply.unknownShape.line })}>
          <p>{t("result.unknownShapeHelp", { fields: reply.unknownShape.fields.join(", ") })}</p>
        </Alert>
      ) : null}
      {reply.notices.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium">{t("result.noticesTitle")}</h3>
          <ul className="mt-1 list-inside list-disc text-sm" data-testid="import-notices">
            {reply.notices.map((notice) => (
              <li key={notice.code} data-notice={notice.code}>
                {t.rich(reply.format === "csv" || reply.format === "parquet" ? "result.noticeAtRow" : "result.noticeAtLine", {
                  count: notice.count,
                  first: notice.firstLine,
                  notice: () => t.rich(`notice.${notice.code}`, { code: (chunks) => <code>{chunks}</code> }),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {reply.errors.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium">{reply.invalid > reply.errors.length ? t("result.invalidFirst", { shown: reply.errors.length, invalid: reply.invalid }) : t("result.invalidTitle")}</h3>
          <ul className="mt-1 max-h-64 list-inside list-disc overflow-auto text-sm" data-testid="import-errors">
            {reply.errors.map((error) => (
              <li key={`${error.line}-${error.message}`}>{recordErrorText(error)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
