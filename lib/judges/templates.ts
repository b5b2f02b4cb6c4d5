import { z } from "zod";
import type { ChatMessage } from "../conversation";
import { fieldMessage as m, type FieldReason } from "../schemas/field-message";

/**
 * Judge templates: the text a judge model is sent. Three kinds, each with the placeholders it needs:
 *
 * - PAIRWISE: `{{question}}`, `{{answer_a}}`, `{{answer_b}}` (and `{{reference}}` if you want one);
 *   the reply ends with exactly one of `[[A]]`, `[[B]]`, `[[C]]` (C = tie), as in MT-Bench / Arena-Hard.
 * - SINGLE (single-answer grading): `{{question}}`, `{{answer}}`; the reply holds `Rating: [[n]]`, n in 1..10.
 * - REFERENCE (reference-guided grading): `{{question}}`, `{{answer}}`, `{{reference}}`; same rating.
 *
 * `{{question}}` is the whole conversation up to the judged answer (every turn, labelled by role).
 * A template is a system text and a user text; placeholders may be in either. A template missing a
 * required placeholder, or naming one its kind does not know, is refused with their names.
 */

export const judgeKinds = ["PAIRWISE", "SINGLE", "REFERENCE"] as const;
export type JudgeKind = (typeof judgeKinds)[number];
export const judgeKindLabels: Record<JudgeKind, string> = {
  PAIRWISE: "Pairwise (A / B / tie)",
  SINGLE: "Single-answer grading (1-10)",
  REFERENCE: "Reference-guided grading (1-10)",
};

export const requiredPlaceholders: Record<JudgeKind, readonly string[]> = {
  PAIRWISE: ["question", "answer_a", "answer_b"],
  SINGLE: ["question", "answer"],
  REFERENCE: ["question", "answer", "reference"],
};
const allowedPlaceholders: Record<JudgeKind, readonly string[]> = {
  PAIRWISE: ["question", "answer_a", "answer_b", "reference"],
  SINGLE: ["question", "answer"],
  REFERENCE: ["question", "answer", "reference"],
};

const PLACEHOLDER = /\{\{\s*([a-zA-Z_]+)\s*\}\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

export type TemplateText = { system: string; user: string };

/** What is wrong with a template for its kind, in words naming the placeholders; null when it is fine. */
export function templateProblem(kind: JudgeKind, template: TemplateText): FieldReason | null {
  const used = new Set([...placeholdersIn(template.system), ...placeholdersIn(template.user)]);
  const missing = requiredPlaceholders[kind].filter((name) => !used.has(name));
  const unknown = [...used].filter((name) => !allowedPlaceholders[kind].includes(name));
  const list = (names: readonly string[]) => names.map((name) => `{{${name}}}`).join(", ");
  const params = { missing: list(missing), unknown: list(unknown), allowed: list(allowedPlaceholders[kind]) };
  if (missing.length > 0 && unknown.length > 0) return { key: "field.templateMissingAndUnknown", params };
  if (missing.length > 0) return { key: "field.templateMissing", params };
  if (unknown.length > 0) return { key: "field.templateUnknown", params };
  return null;
}

export const templateTextSchema = z.object({
  system: z.string().max(20_000, m("field.maxChars", { label: "systemText", max: 20_000 })).default(""),
  user: z.string().trim().min(1, m("field.enter", { label: "userText" })).max(50_000, m("field.maxChars", { label: "userText", max: 50_000 })),
});

/** The conversation as the judge reads it: each turn labelled, the system message first if there is one. */
export function conversationText(messages: readonly ChatMessage[]): string {
  if (messages.length === 1 && messages[0]!.role === "user") return messages[0]!.content;
  const label = { system: "System", user: "User", assistant: "Assistant" } as const;
  return messages.map((message) => `[${label[message.role]}]\n${message.content}`).join("\n\n");
}

export type TemplateValues = { question: string; answer_a?: string; answer_b?: string; answer?: string; reference?: string };

/**
 * The judge's request messages. Values are put in one pass over the template, so a placeholder-like
 * text inside an answer ("{{answer_b}}") is never expanded again.
 */
export function renderTemplate(template: TemplateText, values: TemplateValues): ChatMessage[] {
  const fill = (text: string) => text.replace(PLACEHOLDER, (whole, name: string) => values[name as keyof TemplateValues] ?? whole);
  const system = fill(template.system).trim();
  return [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user", content: fill(template.user) }];
}
