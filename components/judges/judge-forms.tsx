"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/prompt-sets/action-message";
import { Textarea } from "@/components/prompt-sets/textarea";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FormAction } from "@/lib/forms/action-state";
import type { JudgeListing } from "@/lib/judges/contracts";
import { judgeKindLabels, judgeKinds } from "@/lib/judges/templates";
import { judgeSuggestionLabels, judgeSuggestionModes, type JudgeSuggestionMode } from "@/lib/vocabulary";

/** A new judge: name, kind, endpoint and the language of our default template (edited afterwards). */
export function CreateJudgeForm({ promptSetId, endpoints, action }: { promptSetId: string; endpoints: { id: string; name: string; model: string }[]; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-4" data-testid="create-judge">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <Field label="Judge name" error={state?.fields?.name}>
        {(control) => <Input {...control} name="name" defaultValue={state?.values?.name ?? ""} required />}
      </Field>
      <Field label="Kind" error={state?.fields?.kind}>
        {(control) => (
          <Select {...control} name="kind" defaultValue={state?.values?.kind ?? "PAIRWISE"}>
            {judgeKinds.map((kind) => (
              <option key={kind} value={kind}>
                {judgeKindLabels[kind]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Endpoint" error={state?.fields?.endpointId}>
        {(control) => (
          <Select {...control} name="endpointId" defaultValue={state?.values?.endpointId ?? endpoints[0]?.id}>
            {endpoints.map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>
                {endpoint.name} ({endpoint.model})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Default template" hint="Ours, English or Chinese; edit it after creating.">
        {(control) => (
          <Select {...control} name="language" defaultValue={state?.values?.language ?? "en"}>
            <option value="en">English</option>
            <option value="zh">中文</option>
          </Select>
        )}
      </Field>
      <div className="sm:col-span-4 space-y-2">
        <Button type="submit" variant="primary" disabled={isPending || endpoints.length === 0}>
          Create judge
        </Button>
        <ActionMessage state={state} testId="create-judge-result" />
      </div>
    </form>
  );
}

/** A judge's template (system and user text); saving adds a version. */
export function JudgeTemplateForm({ promptSetId, judge, action }: { promptSetId: string; judge: JudgeListing; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, null);
  const placeholders = judge.kind === "PAIRWISE" ? "{{question}}, {{answer_a}}, {{answer_b}} (and optionally {{reference}})" : judge.kind === "SINGLE" ? "{{question}}, {{answer}}" : "{{question}}, {{answer}}, {{reference}}";
  return (
    <form action={formAction} className="space-y-2" data-testid={`judge-template-${judge.name}`}>
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <input type="hidden" name="judgeId" value={judge.id} />
      <Field label={`System text (template v${judge.template.version})`}>
        {(control) => <Textarea {...control} name="system" rows={4} className="font-mono text-xs" defaultValue={state?.values?.system ?? judge.template.system} />}
      </Field>
      <Field label="User text" hint={`Placeholders: ${placeholders}.`} error={state?.fields?.user}>
        {(control) => <Textarea {...control} name="user" rows={6} className="font-mono text-xs" defaultValue={state?.values?.user ?? judge.template.user} />}
      </Field>
      <Button type="submit" disabled={isPending}>
        Save template
      </Button>
      <ActionMessage state={state} testId={`judge-template-result-${judge.name}`} />
    </form>
  );
}

/** When annotators see a judge's verdict on the pair they judge. */
export function JudgeSuggestionsForm({ promptSetId, current, action }: { promptSetId: string; current: JudgeSuggestionMode; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <Field label="Judge suggestions for annotators" hint="Each human judgment records this setting, so anchoring can be measured.">
        {(control) => (
          <Select {...control} name="judgeSuggestions" defaultValue={current}>
            {judgeSuggestionModes.map((mode) => (
              <option key={mode} value={mode}>
                {judgeSuggestionLabels[mode]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" disabled={isPending}>
        Save
      </Button>
      <ActionMessage state={state} testId="judge-suggestions-result" />
    </form>
  );
}
