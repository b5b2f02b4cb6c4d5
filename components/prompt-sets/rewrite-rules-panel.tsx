"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ActionMessage } from "./action-message";
import type { FormAction } from "@/lib/forms/action-state";
import { SimpleActionForm } from "./simple-action-form";

export type RuleRow = { id: string; pattern: string; replacement: string; isRegex: boolean; wholeWord: boolean; caseSensitive: boolean; enabled: boolean; derivedCount: number };
export type PreviewData = { examined: number; changed: number; alreadyDerived: number; examples: { candidateId: string; before: string; after: string; exists: boolean }[] };

type Actions = { create: FormAction; update: FormAction; apply: FormAction };

export function RewriteRulesPanel({ promptSetId, rules, preview, actions }: { promptSetId: string; rules: RuleRow[]; preview: PreviewData | null; actions: Actions }) {
  const t = useTranslations("rewriteRules");
  return (
    <div className="space-y-6">
      <AddRuleForm promptSetId={promptSetId} action={actions.create} />
      {rules.length > 0 ? (
        <ol className="space-y-2" aria-label={t("listLabel")}>
          {rules.map((rule) => (
            <li key={rule.id} className="flex flex-wrap items-center gap-3 rounded-md border border-border px-3 py-2 text-sm" data-testid="rewrite-rule">
              <code className="rounded bg-surface-muted px-1">{rule.pattern}</code>
              <span aria-hidden="true">→</span>
              <code className="rounded bg-surface-muted px-1">{rule.replacement}</code>
              {rule.isRegex ? <Badge>{t("option.regex")}</Badge> : null}
              {rule.wholeWord ? <Badge>{t("option.wholeWord")}</Badge> : null}
              <Badge>{rule.caseSensitive ? t("option.caseSensitive") : t("option.anyCase")}</Badge>
              {!rule.enabled ? <Badge tone="warning">{t("option.off")}</Badge> : null}
              <span className="text-muted-foreground">{t("derivedCount", { count: rule.derivedCount })}</span>
              <span className="ml-auto flex gap-2">
                <SimpleActionForm action={actions.update} hidden={{ promptSetId, ruleId: rule.id, change: rule.enabled ? "disable" : "enable" }} label={rule.enabled ? t("turnOff") : t("turnOn")} testId={`rule-${rule.id}-toggle`} />
                <SimpleActionForm action={actions.update} hidden={{ promptSetId, ruleId: rule.id, change: "remove" }} label={t("remove")} variant="ghost" testId={`rule-${rule.id}-remove`} confirm={t("removeConfirm")} />
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {preview ? (
        <section aria-labelledby="rule-preview-heading" className="space-y-3">
          <h3 id="rule-preview-heading" className="text-sm font-semibold">
            {t("previewTitle")}
          </h3>
          <p className="text-sm text-muted-foreground" data-testid="rule-preview-summary">
            {t("previewSummary", { examined: preview.examined, changed: preview.changed })}{" "}
            {preview.alreadyDerived > 0 ? t("previewAlready", { count: preview.alreadyDerived, changed: preview.changed }) : null}
          </p>
          {preview.examples.map((example) => (
            <div key={example.candidateId} className="grid gap-2 text-sm sm:grid-cols-2" data-testid="rule-preview-example" data-exists={example.exists}>
              <p className="rounded-md border border-border p-2 whitespace-pre-wrap">
                <span className="block text-xs text-muted-foreground">{t("before")}</span>
                {example.before}
              </p>
              <p className={`rounded-md border p-2 whitespace-pre-wrap ${example.exists ? "border-border" : "border-success-border"}`}>
                <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  {t("after")}
                  {example.exists ? (
                    <Badge tone="neutral" data-testid="rule-preview-exists">
                      {t("alreadyExists")}
                    </Badge>
                  ) : (
                    <Badge tone="success">{t("new")}</Badge>
                  )}
                </span>
                {example.after}
              </p>
            </div>
          ))}
          <SimpleActionForm action={actions.apply} hidden={{ promptSetId }} label={t("apply")} variant="primary" testId="apply-rules" />
        </section>
      ) : null}
    </div>
  );
}

function AddRuleForm({ promptSetId, action }: { promptSetId: string; action: FormAction }) {
  const t = useTranslations("rewriteRules");
  const [state, formAction, isPending] = useActionState(action, null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  const values = state?.status === "error" ? state.values : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("find")} id="rule-pattern" error={errors.pattern}>
          {(control) => <Input {...control} name="pattern" defaultValue={values?.pattern ?? ""} placeholder="Qwen" autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label={t("replaceWith")} id="rule-replacement" error={errors.replacement} hint={t("replaceHint", { group: "$1", named: "$<name>" })}>
          {(control) => <Input {...control} name="replacement" defaultValue={values?.replacement ?? ""} placeholder="Deep Qwen" autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="isRegex" /> {t("isRegex")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="wholeWord" defaultChecked /> {t("wholeWord")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="caseSensitive" defaultChecked /> {t("caseSensitive")}
        </label>
      </div>
      <p className="text-xs text-muted-foreground">{t("idempotentHint")}</p>
      <Button type="submit" disabled={isPending}>
        {t("add")}
      </Button>
      <ActionMessage state={state} testId="add-rule" />
    </form>
  );
}
