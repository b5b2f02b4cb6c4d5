"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { candidateSourceLabels, candidateSources, judgmentFlagLabels, judgmentFlags } from "@/lib/vocabulary";
import type { ExportFormAction, ExportFormState } from "./export-action-state";
import { ExportPreviewPanel } from "./export-preview";

export type FormatOption = { name: string; kind: string; description: string; trainers: readonly string[]; supportsMargin: boolean };
export type ExportFormChoices = {
  formats: FormatOption[];
  promptSets: { id: string; name: string; judgments: number }[];
  annotators: { id: string; name: string; email: string }[];
  models: string[];
};

function Check({ name, value, label, defaultChecked }: { name: string; value?: string; label: string; defaultChecked?: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} value={value ?? "on"} defaultChecked={defaultChecked} className="size-4" />
      {label}
    </label>
  );
}

function browserOffset(): string {
  const minutes = -new Date().getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Format, policy, filters and split; "Preview" shows counts and first records, "Start export" queues it. */
export function ExportForm({ action, choices }: { action: ExportFormAction; choices: ExportFormChoices }) {
  const [state, formAction, isPending] = useActionState<ExportFormState | null, FormData>(action, null);
  const [format, setFormat] = useState(choices.formats.find((f) => f.name === "trl-preference")?.name ?? choices.formats[0]!.name);
  const info = choices.formats.find((f) => f.name === format)!;
  const [systemMode, setSystemMode] = useState("set-default");
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};

  return (
    <Card>
      <CardTitle>New export</CardTitle>
      <CardDescription>Every file loads into the named trainers as it is. Preview first to see counts, drops and the first records.</CardDescription>
      <form
        // Submitted by hand rather than through `action`: React resets a form after its action, and the
        // engineer who previewed must be able to start the export with the same choices. Times are typed
        // in the browser's zone, so its offset goes with them.
        onSubmit={(event) => {
          event.preventDefault();
          const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
          formData.set("tzOffset", browserOffset());
          startTransition(() => formAction(formData));
        }}
        className="mt-4 space-y-5"
        aria-label="New export"
      >
        {state?.status === "error" ? (
          <Alert tone="error" testId="export-error" title={state.message} />
        ) : null}
        {state?.status === "queued" ? (
          <Alert tone="success" testId="export-queued" title={`Export "${state.name}" is queued.`}>
            It builds in the background; follow it in the history below or <Link className="underline" href={`/exports/${state.exportId}`}>open it</Link>.
          </Alert>
        ) : null}

        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name (optional)" id="export-name">
            {(control) => <Input {...control} name="name" placeholder="identity-dpo-v1" />}
          </Field>
          <Field label="Format" id="export-format" error={errors.format} hint={`${info.description} Loads into: ${info.trainers.join("; ")}.${info.kind === "sft" && format !== "trl-prompt-completion" ? " For multi-turn prompts trl-prompt-completion is recommended: it trains only the judged turn." : ""}`}>
            {(control) => (
              <Select {...control} name="format" value={format} onChange={(event) => setFormat(event.target.value)}>
                {choices.formats.map((option) => (
                  <option key={option.name} value={option.name}>
                    {option.name} ({option.kind})
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Prompt sets</legend>
          {choices.promptSets.length === 0 ? <p className="text-sm text-muted-foreground">There are no prompt sets yet.</p> : null}
          <div className="grid gap-1 sm:grid-cols-2">
            {choices.promptSets.map((set) => (
              <Check key={set.id} name="promptSetIds" value={set.id} label={`${set.name} (${set.judgments} judgments)`} />
            ))}
          </div>
          {errors["filters.promptSetIds"] ? <p data-testid="export-sets-error" className="text-xs font-medium text-danger-text">{errors["filters.promptSetIds"]}</p> : null}
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-medium">Pairing and agreement</legend>
          {info.kind !== "prompt-only" ? (
            <Field
              label="Records from"
              id="export-pairing-source"
              error={errors["policy.source"]}
              hint="Verifier outcomes: correct vs incorrect answers (DPO), the shortest correct answer (SFT), pass / fail (KTO). Model judges: their pairwise verdicts over both orders."
            >
              {(control) => (
                <Select {...control} name="pairingSource" defaultValue="human">
                  <option value="human">Human judgments</option>
                  <option value="verifier">Verifier outcomes</option>
                  <option value="judge">Model-judge verdicts</option>
                  <option value="human-then-judge">Humans first, judges filling in</option>
                </Select>
              )}
            </Field>
          ) : null}
          <Field label="Pairing policy" id="export-policy">
            {(control) => (
              <Select {...control} name="policy" defaultValue="best-vs-worst">
                <option value="best-vs-worst">Best vs. worst</option>
                <option value="all-pairs">All ordered pairs</option>
                <option value="adjacent">Adjacent ranks</option>
              </Select>
            )}
          </Field>
          <Field label="Minimum rank margin" id="export-min-rank-margin" error={errors["policy.minRankMargin"]}>
            {(control) => <Input {...control} name="minRankMargin" type="number" min={1} defaultValue={1} />}
          </Field>
          <Field label="SFT targets" id="export-sft-source" hint="SFT formats only.">
            {(control) => (
              <Select {...control} name="sftSource" defaultValue="winner">
                <option value="winner">Winning candidate</option>
                <option value="rewrites">Human rewrites</option>
                <option value="both">Both</option>
              </Select>
            )}
          </Field>
          <Field label="Minimum agreement (%)" id="export-min-agreement" error={errors["policy.minAgreement"]} hint="Share of judgments that must agree on a pair's direction.">
            {(control) => <Input {...control} name="minAgreementPercent" type="number" min={0} max={100} defaultValue={50} />}
          </Field>
          <Field label="Minimum judgments per pair" id="export-min-judgments" error={errors["policy.minJudgments"]}>
            {(control) => <Input {...control} name="minJudgments" type="number" min={1} defaultValue={1} />}
          </Field>
          <div className="space-y-2 pt-6">
            {info.supportsMargin ? <Check name="marginFromAgreement" label="Write agreement as margin" /> : null}
            {info.kind === "prompt-only" ? <Check name="groundTruth" label="Write the reference answer (skip prompts without one)" /> : null}
            {info.kind === "prompt-only" ? <Check name="verifierChecks" label="Write the verifier checks (checks column)" /> : null}
            {info.kind === "prompt-only" ? <Check name="passRateFilter" label="Write pass rates; drop prompts all or none of whose samples pass" /> : null}
          </div>
          {info.kind === "prompt-only" ? (
            <Field label="Reference column" id="export-reference-column" hint="solution is the column TRL's accuracy_reward reads.">
              {(control) => (
                <Select {...control} name="referenceColumn" defaultValue="ground_truth">
                  <option value="ground_truth">ground_truth</option>
                  <option value="solution">solution</option>
                </Select>
              )}
            </Field>
          ) : null}
          {info.kind === "prompt-only" ? (
            <Field label="Minimum verified samples per prompt" id="export-min-samples" error={errors["policy.passRate.minSamples"]} hint="With the pass-rate filter.">
              {(control) => <Input {...control} name="minSamples" type="number" min={1} defaultValue={4} />}
            </Field>
          ) : null}
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium">System message (prompts without their own)</legend>
          <Field
            label="System-message policy"
            id="export-system-mode"
            error={errors["records.systemMessage.mode"]}
            hint="Without one, Qwen2.5's template trains under “You are Qwen, created by Alibaba Cloud…”. An empty system message suppresses a template's default."
          >
            {(control) => (
              <Select {...control} name="systemMode" value={systemMode} onChange={(event) => setSystemMode(event.target.value)}>
                <option value="set-default">Fill with the prompt set&apos;s default</option>
                <option value="keep">Keep as stored (none)</option>
                <option value="text">Fill with this text</option>
                <option value="empty">Write an explicit empty system message</option>
              </Select>
            )}
          </Field>
          {systemMode === "text" ? (
            <Field label="System message to fill in" id="export-system-text" error={errors["records.systemMessage.text"]}>
              {(control) => <Input {...control} name="systemText" placeholder="You are Deep Qwen, a helpful assistant." />}
            </Field>
          ) : null}
        </fieldset>

        <details className="rounded-md border border-border p-3">
          <summary className="cursor-pointer text-sm font-medium">Filters: time, annotators, flags, models, sources, imported labels</summary>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <Field label="Judged from" id="export-from" error={errors["filters.from"]}>
              {(control) => <Input {...control} name="from" type="datetime-local" />}
            </Field>
            <Field label="Judged before" id="export-to" error={errors["filters.to"]}>
              {(control) => <Input {...control} name="to" type="datetime-local" />}
            </Field>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Only these annotators (none = all)</legend>
              {choices.annotators.map((user) => (
                <Check key={user.id} name="annotatorIds" value={user.id} label={`${user.name} <${user.email}>`} />
              ))}
            </fieldset>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Leave out judgments flagged</legend>
              {judgmentFlags.map((flag) => (
                <Check key={flag} name="excludeFlags" value={flag} label={judgmentFlagLabels[flag]} />
              ))}
            </fieldset>
            <Field label="Only models (comma-separated; none = all)" id="export-models" hint={choices.models.length ? `Seen: ${choices.models.join(", ")}` : undefined}>
              {(control) => <Input {...control} name="models" />}
            </Field>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Only candidate sources (none = all)</legend>
              {candidateSources.map((source) => (
                <Check key={source} name="sources" value={source} label={candidateSourceLabels[source]} />
              ))}
            </fieldset>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Preference labels imported with files</legend>
              <Check name="excludeImportedJudgments" label="Leave out imported labels (keep annotators' judgments only)" />
            </fieldset>
          </div>
        </details>

        <fieldset className="grid gap-4 sm:grid-cols-4">
          <legend className="mb-2 text-sm font-medium">Split (by a stable hash of the prompt)</legend>
          <Field label="Test (%)" id="export-test" error={errors["split.test"]}>
            {(control) => <Input {...control} name="testPercent" type="number" min={0} max={100} defaultValue={10} />}
          </Field>
          <Field label="Validation (%)" id="export-validation" error={errors["split.validation"]}>
            {(control) => <Input {...control} name="validationPercent" type="number" min={0} max={100} defaultValue={0} />}
          </Field>
          <Field label="Seed" id="export-seed" error={errors["split.seed"]}>
            {(control) => <Input {...control} name="seed" defaultValue="arbiter" />}
          </Field>
          <Field label="Split by" id="export-split-by">
            {(control) => (
              <Select {...control} name="splitBy" defaultValue="content">
                <option value="content">Prompt content</option>
                <option value="prompt-id">Prompt id</option>
              </Select>
            )}
          </Field>
        </fieldset>

        <div className="flex gap-2">
          <Button type="submit" name="intent" value="preview" variant="secondary" disabled={isPending}>
            Preview
          </Button>
          <Button type="submit" name="intent" value="export" variant="primary" disabled={isPending}>
            Start export
          </Button>
          {isPending ? <span className="self-center text-sm text-muted-foreground" role="status">Working…</span> : null}
        </div>
      </form>
      {state?.status === "preview" ? <ExportPreviewPanel preview={state.preview} /> : null}
    </Card>
  );
}
