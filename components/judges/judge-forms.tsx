"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionMessage } from "@/components/prompt-sets/action-message";
import { Textarea } from "@/components/prompt-sets/textarea";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FormAction } from "@/lib/forms/action-state";
import type { JudgeListing } from "@/lib/judges/contracts";
import { judgeKinds } from "@/lib/judges/templates";
import { judgeSuggestionModes, type JudgeSuggestionMode } from "@/lib/vocabulary";

/** A new judge: name, kind, endpoint and the language of our default template (edited afterwards). */
export function CreateJudgeForm({ promptSetId, endpoints, action }: { promptSetId: string; endpoints: { id: string; name: string; model: string }[]; action: FormAction }) {
  const t = useTranslations("judges");
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-4" data-testid="create-judge">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <Field label={t("name")} error={state?.fields?.name}>
        {(control) => <Input {...control} name="name" defaultValue={state?.values?.name ?? ""} required />}
      </Field>
      <Field label={t("kind")} error={state?.fields?.kind}>
        {(control) => (
          <Select {...control} name="kind" defaultValue={state?.values?.kind ?? "PAIRWISE"}>
            {judgeKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kindLabel.${kind}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t("endpoint")} error={state?.fields?.endpointId}>
        {(control) => (
          <Select {...control} name="endpointId" defaultValue={state?.values?.endpointId ?? endpoints[0]?.id}>
            {endpoints.map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>
                {t("endpointOption", { name: endpoint.name, model: endpoint.model })}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t("defaultTemplate")} hint={t("defaultTemplateHint")}>
        {(control) => (
          <Select {...control} name="language" defaultValue={state?.values?.language ?? "en"}>
            <option value="en">English</option>
            <option value="zh">中文</option>
          </Select>
        )}
      </Field>
      <div className="sm:col-span-4 space-y-2">
        <Button type="submit" variant="primary" disabled={isPending || endpoints.length === 0}>
          {t("create")}
        </Button>
        <ActionMessage state={state} testId="create-judge-result" />
      </div>
    </form>
  );
}

/** A judge's template (system and user text); saving adds a version. */
export function JudgeTemplateForm({ promptSetId, judge, action }: { promptSetId: string; judge: JudgeListing; action: FormAction }) {
  const t = useTranslations("judges");
  const [state, formAction, isPending] = useActionState(action, null);
  // The placeholders are template syntax, the same in every language: passed as values, never as ICU text.
  const placeholders =
    judge.kind === "PAIRWISE"
      ? t("placeholdersPairwise", { placeholders: "{{question}}, {{answer_a}}, {{answer_b}}", reference: "{{reference}}" })
      : judge.kind === "SINGLE"
        ? "{{question}}, {{answer}}"
        : "{{question}}, {{answer}}, {{reference}}";
  return (
    <form action={formAction} className="space-y-2" data-testid={`judge-template-${judge.name}`}>
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <input type="hidden" name="judgeId" value={judge.id} />
      <Field label={t("systemText", { version: judge.template.version })}>
        {(control) => <Textarea {...control} name="system" rows={4} className="font-mono text-xs" defaultValue={state?.values?.system ?? judge.template.system} />}
      </Field>
      <Field label={t("userText")} hint={t("placeholders", { placeholders })} error={state?.fields?.user}>
        {(control) => <Textarea {...control} name="user" rows={6} className="font-mono text-xs" defaultValue={state?.values?.user ?? judge.template.user} />}
      </Field>
      <Button type="submit" disabled={isPending}>
        {t("saveTemplate")}
      </Button>
      <ActionMessage state={state} testId={`judge-template-result-${judge.name}`} />
    </form>
  );
}

/** When annotators see a judge's verdict on the pair they judge. */
export function JudgeSuggestionsForm({ promptSetId, current, action }: { promptSetId: string; current: JudgeSuggestionMode; action: FormAction }) {
  const t = useTranslations("judges");
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <Field label={t("suggestions")} hint={t("suggestionsHint")}>
        {(control) => (
          <Select {...control} name="judgeSuggestions" defaultValue={current}>
            {judgeSuggestionModes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`suggestionMode.${mode}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" disabled={isPending}>
        {t("save")}
      </Button>
      <ActionMessage state={state} testId="judge-suggestions-result" />
    </form>
  );
}
