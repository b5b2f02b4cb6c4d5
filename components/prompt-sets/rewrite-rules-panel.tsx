"use client";

import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ActionMessage } from "./action-message";
import type { FormAction } from "@/lib/forms/action-state";
import { SimpleActionForm } from "./simple-action-form";

export type RuleRow = { id: string; pattern: string; replacement: string; isRegex: boolean; wholeWord: boolean; caseSensitive: boolean; enabled: boolean; derivedCount: number };
export type PreviewData = { examined: number; changed: number; examples: { candidateId: string; before: string; after: string }[] };

type Actions = { create: FormAction; update: FormAction; apply: FormAction };

export function RewriteRulesPanel({ promptSetId, rules, preview, actions }: { promptSetId: string; rules: RuleRow[]; preview: PreviewData | null; actions: Actions }) {
  return (
    <div className="space-y-6">
      <AddRuleForm promptSetId={promptSetId} action={actions.create} />
      {rules.length > 0 ? (
        <ol className="space-y-2" aria-label="Rules in the order they apply">
          {rules.map((rule) => (
            <li key={rule.id} className="flex flex-wrap items-center gap-3 rounded-md border border-border px-3 py-2 text-sm" data-testid="rewrite-rule">
              <code className="rounded bg-surface-muted px-1">{rule.pattern}</code>
              <span aria-hidden="true">→</span>
              <code className="rounded bg-surface-muted px-1">{rule.replacement}</code>
              {rule.isRegex ? <Badge>regex</Badge> : null}
              {rule.wholeWord ? <Badge>whole word</Badge> : null}
              <Badge>{rule.caseSensitive ? "case-sensitive" : "any case"}</Badge>
              {!rule.enabled ? <Badge tone="warning">off</Badge> : null}
              <span className="text-muted-foreground">{rule.derivedCount} derived</span>
              <span className="ml-auto flex gap-2">
                <SimpleActionForm action={actions.update} hidden={{ promptSetId, ruleId: rule.id, change: rule.enabled ? "disable" : "enable" }} label={rule.enabled ? "Turn off" : "Turn on"} testId={`rule-${rule.id}-toggle`} />
                <SimpleActionForm action={actions.update} hidden={{ promptSetId, ruleId: rule.id, change: "remove" }} label="Remove" variant="ghost" testId={`rule-${rule.id}-remove`} confirm="Remove this rule? Candidates it derived stay." />
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {preview ? (
        <section aria-labelledby="rule-preview-heading" className="space-y-3">
          <h3 id="rule-preview-heading" className="text-sm font-semibold">
            Preview
          </h3>
          <p className="text-sm text-muted-foreground" data-testid="rule-preview-summary">
            On a sample of {preview.examined} candidates, the enabled rules change {preview.changed}. Unchanged candidates get no derived copy.
          </p>
          {preview.examples.map((example) => (
            <div key={example.candidateId} className="grid gap-2 text-sm sm:grid-cols-2" data-testid="rule-preview-example">
              <p className="rounded-md border border-border p-2 whitespace-pre-wrap">
                <span className="block text-xs text-muted-foreground">Before</span>
                {example.before}
              </p>
              <p className="rounded-md border border-success-border p-2 whitespace-pre-wrap">
                <span className="block text-xs text-muted-foreground">After</span>
                {example.after}
              </p>
            </div>
          ))}
          <SimpleActionForm action={actions.apply} hidden={{ promptSetId }} label="Apply rules to all candidates" variant="primary" testId="apply-rules" />
        </section>
      ) : null}
    </div>
  );
}

function AddRuleForm({ promptSetId, action }: { promptSetId: string; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  const values = state?.status === "error" ? state.values : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Find" id="rule-pattern" error={errors.pattern}>
          {(control) => <Input {...control} name="pattern" defaultValue={values?.pattern ?? ""} placeholder="Qwen" autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label="Replace with" id="rule-replacement" error={errors.replacement} hint="In a regular expression, $1 or $<name> insert groups.">
          {(control) => <Input {...control} name="replacement" defaultValue={values?.replacement ?? ""} placeholder="Deep Qwen" autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="isRegex" /> Regular expression
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="wholeWord" defaultChecked /> Whole word
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="caseSensitive" defaultChecked /> Match case
        </label>
      </div>
      <p className="text-xs text-muted-foreground">Text that already reads as the replacement is left alone: “Qwen” → “Deep Qwen” never makes “Deep Deep Qwen”.</p>
      <Button type="submit" disabled={isPending}>
        Add rule
      </Button>
      <ActionMessage state={state} testId="add-rule" />
    </form>
  );
}
