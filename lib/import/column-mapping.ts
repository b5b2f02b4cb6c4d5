import { z } from "zod";
import { fieldMessage as m, reasonMessage } from "../schemas/field-message";
import { normalizeRecord, type NormalizeResult } from "./normalize-record";
import type { ImportedJudgment } from "./types";

/**
 * For a file in a shape Arbiter does not know: which of its fields is the prompt, the system message,
 * the answers, the reference answer, the id, and the preference label. Saved per prompt set (the last
 * mapping that imported), and taken by the import API as the `mapping` parameter.
 */
const fieldName = z.string().trim().min(1, m("field.nameAField")).max(200, m("field.mustBeAtMostChars", { max: 200 }));

export const columnMappingSchema = z
  .object({
    /** Text, or a list of {role, content} messages. */
    prompt: fieldName,
    system: fieldName.optional(),
    /** Answer fields, in order (each text). */
    answers: z.array(fieldName).max(16, m("field.answerFields", { max: 16 })).default([]),
    /** The better and the worse answer of a pair: imported as a preference label. */
    chosen: fieldName.optional(),
    rejected: fieldName.optional(),
    reference: fieldName.optional(),
    id: fieldName.optional(),
    /**
     * A field naming the better of `answers`: that answer's field name, its number (1 = first) or
     * letter (A = first), or "tie" / "both bad".
     */
    label: fieldName.optional(),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    if ((mapping.chosen === undefined) !== (mapping.rejected === undefined)) {
      ctx.addIssue({ code: "custom", path: [mapping.chosen === undefined ? "chosen" : "rejected"], message: m("field.chosenAndRejected") });
    }
    if (mapping.label !== undefined && mapping.answers.length < 2) ctx.addIssue({ code: "custom", path: ["label"], message: m("field.labelTwoAnswers") });
    if (mapping.label !== undefined && mapping.chosen !== undefined) ctx.addIssue({ code: "custom", path: ["label"], message: m("field.labelOrChosen") });
    const used = [mapping.prompt, mapping.system, ...mapping.answers, mapping.chosen, mapping.rejected, mapping.reference, mapping.id, mapping.label].filter((name) => name !== undefined);
    const twice = used.find((name, index) => used.indexOf(name) !== index);
    if (twice !== undefined) ctx.addIssue({ code: "custom", path: [], message: m("field.mappedTwice", { field: twice }) });
  });
export type ColumnMapping = z.output<typeof columnMappingSchema>;
export type ColumnMappingInput = z.input<typeof columnMappingSchema>;

const TIE_LABELS = new Set(["tie", "draw", "equal"]);
const ALL_BAD_LABELS = new Set(["both bad", "bothbad", "tie (bothbad)", "all bad", "none"]);

/** Reads one record through a mapping; errors name the file's own fields. */
export function normalizeMappedRecord(fields: Record<string, unknown>, mapping: ColumnMapping): NormalizeResult {
  const mapped = new Set([mapping.prompt, mapping.system, ...mapping.answers, mapping.chosen, mapping.rejected, mapping.reference, mapping.id, mapping.label]);
  const leftovers = Object.fromEntries(Object.entries(fields).filter(([key]) => !mapped.has(key)));
  const answers = mapping.answers.map((name) => fields[name]);
  const canonical: Record<string, unknown> = {
    prompt: fields[mapping.prompt],
    system: mapping.system === undefined ? undefined : fields[mapping.system],
    responses: answers.length === 0 ? undefined : answers.map((value) => (value === null || value === undefined ? "" : value)),
    chosen: mapping.chosen === undefined ? undefined : fields[mapping.chosen],
    rejected: mapping.rejected === undefined ? undefined : fields[mapping.rejected],
    reference: mapping.reference === undefined ? undefined : fields[mapping.reference],
    id: mapping.id === undefined ? undefined : fields[mapping.id],
    metadata: leftovers,
  };
  if (canonical.prompt === undefined || canonical.prompt === null) return { ok: false, field: mapping.prompt, message: reasonMessage("importRecord.mappedPromptMissing") };
  const result = normalizeRecord(canonical);
  if (!result.ok) return result.field === undefined ? result : { ...result, field: fileFieldName(result.field, mapping) };
  const record = { ...result.record, shape: "column-mapping" as const };
  if (mapping.label === undefined) return { ok: true, record };

  const label = fields[mapping.label];
  const chosenIndex = labelledAnswer(label, mapping);
  if (chosenIndex === "invalid") {
    const names = mapping.answers.map((name, index) => `"${name}", ${index + 1} or ${String.fromCharCode(65 + index)}`).join("; ");
    return { ok: false, field: mapping.label, message: reasonMessage("importRecord.labelNotAnAnswer", { names, got: JSON.stringify(label) ?? "undefined" }) };
  }
  if (chosenIndex === "none") return { ok: true, record };
  // Empty answer fields were left out of the record's answers; a label over them cannot be kept.
  const kept = answers.map((value) => typeof value === "string" && value.trim() !== "");
  if (kept.some((isKept) => !isKept)) return { ok: true, record: { ...record, notices: [...(record.notices ?? []), "empty-labelled-answer"] } };
  const indexes = answers.map((_, index) => index);
  const judgment: ImportedJudgment =
    chosenIndex === "tie"
      ? { outcome: "TIE", ranks: indexes.map((answer) => ({ answer, rank: 1 })) }
      : chosenIndex === "all-bad"
        ? { outcome: "ALL_BAD", ranks: indexes.map((answer) => ({ answer, rank: null })) }
        : { outcome: "PREFERENCE", ranks: indexes.map((answer) => ({ answer, rank: answer === chosenIndex ? 1 : 2 })) };
  return { ok: true, record: { ...record, judgment } };
}

function labelledAnswer(value: unknown, mapping: ColumnMapping): number | "tie" | "all-bad" | "none" | "invalid" {
  if (value === undefined || value === null || value === "") return "none";
  const count = mapping.answers.length;
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 && value <= count ? value - 1 : "invalid";
  if (typeof value !== "string") return "invalid";
  const text = value.trim();
  const byName = mapping.answers.indexOf(text);
  if (byName !== -1) return byName;
  const lower = text.toLowerCase();
  if (TIE_LABELS.has(lower)) return "tie";
  if (ALL_BAD_LABELS.has(lower)) return "all-bad";
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    return number >= 1 && number <= count ? number - 1 : "invalid";
  }
  if (/^[a-z]$/i.test(text)) {
    const index = text.toUpperCase().charCodeAt(0) - 65;
    return index < count ? index : "invalid";
  }
  return "invalid";
}

/** `responses[1]` -> the second answer field's name, `prompt[0].content` -> `<prompt field>[0].content`, ... */
function fileFieldName(field: string, mapping: ColumnMapping): string {
  const response = /^responses\[(\d+)\](.*)$/.exec(field);
  if (response) return `${mapping.answers[Number(response[1])] ?? "answers"}${response[2] ?? ""}`;
  const [head = "", rest = ""] = /^([a-z_]+)(.*)$/.exec(field)?.slice(1) ?? [];
  const renamed: Record<string, string | undefined> = {
    prompt: mapping.prompt,
    system: mapping.system,
    chosen: mapping.chosen,
    rejected: mapping.rejected,
    reference: mapping.reference,
    id: mapping.id,
  };
  const name = Object.hasOwn(renamed, head) ? renamed[head] : undefined;
  return name === undefined ? field : `${name}${rest}`;
}
