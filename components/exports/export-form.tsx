"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { candidateSources, judgmentFlags, type CandidateSource } from "@/lib/vocabulary";
import type { ExportFormAction, ExportFormState } from "./export-action-state";
import { ExportPreviewPanel } from "./export-preview";

export type FormatOption = { name: string; kind: string; description: string; trainers: readonly string[]; supportsMargin: boolean };
export type ExportFormChoices = {
  formats: FormatOption[];
  promptSets: { id: string; name: string; judgments: number }[];
  annotators: { id: string; name: string; email: string }[];
  models: string[];
  /** The candidate sources' names in the user's language (the client catalogue does not carry them). */
  sourceLabels: Record<CandidateSource, string>;
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
  const t = useTranslations("exports.form");
  const tFlag = useTranslations("vocabulary.flag");
  const [state, formAction, isPending] = useActionState<ExportFormState | null, FormData>(action, null);
  const [format, setFormat] = useState(choices.formats.find((f) => f.name === "trl-preference")?.name ?? choices.formats[0]!.name);
  const info = choices.formats.find((f) => f.name === format)!;
  const [systemMode, setSystemMode] = useState("set-default");
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};

  return (
    <Card>
      <CardTitle>{t("title")}</CardTitle>
      <CardDescription>{t("description")}</CardDescription>
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
        aria-label={t("title")}
      >
        {state?.status === "error" ? (
          <Alert tone="error" testId="export-error" title={state.message} />
        ) : null}

        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} id="export-name">
            {(control) => <Input {...control} name="name" placeholder="identity-dpo-v1" />}
          </Field>
          <Field label={t("format")} id="export-format" error={errors.format} hint={t(info.kind === "sft" && format !== "trl-prompt-completion" ? "formatHintMultiTurn" : "formatHint", { description: info.description, trainers: info.trainers.join("; ") })}>
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
          <legend className="text-sm font-medium">{t("promptSets")}</legend>
          {choices.promptSets.length === 0 ? <p className="text-sm text-muted-foreground">{t("noPromptSets")}</p> : null}
          <div className="grid gap-1 sm:grid-cols-2">
            {choices.promptSets.map((set) => (
              <Check key={set.id} name="promptSetIds" value={set.id} label={t("setOption", { name: set.name, judgments: set.judgments })} />
            ))}
          </div>
          {errors["filters.promptSetIds"] ? <p data-testid="export-sets-error" className="text-xs font-medium text-danger-text">{errors["filters.promptSetIds"]}</p> : null}
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-medium">{t("pairing")}</legend>
          {info.kind !== "prompt-only" ? (
            <Field
              label={t("recordsFrom")}
              id="export-pairing-source"
              error={errors["policy.source"]}
              hint={t("recordsFromHint")}
            >
              {(control) => (
                <Select {...control} name="pairingSource" defaultValue="human">
                  <option value="human">{t("sourceHuman")}</option>
                  <option value="verifier">{t("sourceVerifier")}</option>
                  <option value="judge">{t("sourceJudge")}</option>
                  <option value="human-then-judge">{t("sourceHumanThenJudge")}</option>
                </Select>
              )}
            </Field>
          ) : null}
          <Field label={t("policy")} id="export-policy">
            {(control) => (
              <Select {...control} name="policy" defaultValue="best-vs-worst">
                <option value="best-vs-worst">{t("policyBestVsWorst")}</option>
                <option value="all-pairs">{t("policyAllPairs")}</option>
                <option value="adjacent">{t("policyAdjacent")}</option>
              </Select>
            )}
          </Field>
          <Field label={t("minRankMargin")} id="export-min-rank-margin" error={errors["policy.minRankMargin"]}>
            {(control) => <Input {...control} name="minRankMargin" type="number" min={1} defaultValue={1} />}
          </Field>
          <Field label={t("sftTargets")} id="export-sft-source" hint={t("sftTargetsHint")}>
            {(control) => (
              <Select {...control} name="sftSource" defaultValue="winner">
                <option value="winner">{t("sftWinner")}</option>
                <option value="rewrites">{t("sftRewrites")}</option>
                <option value="both">{t("sftBoth")}</option>
              </Select>
            )}
          </Field>
          <Field label={t("minAgreement")} id="export-min-agreement" error={errors["policy.minAgreement"]} hint={t("minAgreementHint")}>
            {(control) => <Input {...control} name="minAgreementPercent" type="number" min={0} max={100} defaultValue={50} />}
          </Field>
          <Field label={t("minJudgments")} id="export-min-judgments" error={errors["policy.minJudgments"]}>
            {(control) => <Input {...control} name="minJudgments" type="number" min={1} defaultValue={1} />}
          </Field>
          <div className="space-y-2 pt-6">
            {info.supportsMargin ? <Check name="marginFromAgreement" label={t("marginFromAgreement")} /> : null}
            {info.kind === "prompt-only" ? <Check name="groundTruth" label={t("groundTruth")} /> : null}
            {info.kind === "prompt-only" ? <Check name="verifierChecks" label={t("verifierChecks")} /> : null}
            {info.kind === "prompt-only" ? <Check name="passRateFilter" label={t("passRateFilter")} /> : null}
          </div>
          {info.kind === "prompt-only" ? (
            <Field label={t("referenceColumn")} id="export-reference-column" hint={t("referenceColumnHint")}>
              {(control) => (
                <Select {...control} name="referenceColumn" defaultValue="ground_truth">
                  <option value="ground_truth">ground_truth</option>
                  <option value="solution">solution</option>
                </Select>
              )}
            </Field>
          ) : null}
          {info.kind === "prompt-only" ? (
            <Field label={t("minSamples")} id="export-min-samples" error={errors["policy.passRate.minSamples"]} hint={t("minSamplesHint")}>
              {(control) => <Input {...control} name="minSamples" type="number" min={1} defaultValue={4} />}
            </Field>
          ) : null}
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium">{t("systemLegend")}</legend>
          <Field
            label={t("systemPolicy")}
            id="export-system-mode"
            error={errors["records.systemMessage.mode"]}
            hint={t("systemPolicyHint")}
          >
            {(control) => (
              <Select {...control} name="systemMode" value={systemMode} onChange={(event) => setSystemMode(event.target.value)}>
                <option value="set-default">{t("systemSetDefault")}</option>
                <option value="keep">{t("systemKeep")}</option>
                <option value="text">{t("systemText")}</option>
                <option value="empty">{t("systemEmpty")}</option>
              </Select>
            )}
          </Field>
          {systemMode === "text" ? (
            <Field label={t("systemTextLabel")} id="export-system-text" error={errors["records.systemMessage.text"]}>
              {(control) => <Input {...control} name="systemText" placeholder="You are Deep Qwen, a helpful assistant." />}
            </Field>
          ) : null}
        </fieldset>

        <details className="rounded-md border border-border p-3">
          <summary className="cursor-pointer text-sm font-medium">{t("filters")}</summary>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <Field label={t("judgedFrom")} id="export-from" error={errors["filters.from"]}>
              {(control) => <Input {...control} name="from" type="datetime-local" />}
            </Field>
            <Field label={t("judgedBefore")} id="export-to" error={errors["filters.to"]}>
              {(control) => <Input {...control} name="to" type="datetime-local" />}
            </Field>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">{t("onlyAnnotators")}</legend>
              {choices.annotators.map((user) => (
                <Check key={user.id} name="annotatorIds" value={user.id} label={t("annotatorOption", { name: user.name, email: user.email })} />
              ))}
            </fieldset>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">{t("excludeFlags")}</legend>
              {judgmentFlags.map((flag) => (
                <Check key={flag} name="excludeFlags" value={flag} label={tFlag(flag)} />
              ))}
            </fieldset>
            <Field label={t("onlyModels")} id="export-models" hint={choices.models.length ? t("modelsSeen", { models: choices.models.join(", ") }) : undefined}>
              {(control) => <Input {...control} name="models" />}
            </Field>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">{t("onlySources")}</legend>
              {candidateSources.map((source) => (
                <Check key={source} name="sources" value={source} label={choices.sourceLabels[source]} />
              ))}
            </fieldset>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">{t("importedLabels")}</legend>
              <Check name="excludeImportedJudgments" label={t("excludeImported")} />
            </fieldset>
          </div>
        </details>

        <fieldset className="grid gap-4 sm:grid-cols-4">
          <legend className="mb-2 text-sm font-medium">{t("split")}</legend>
          <Field label={t("testPercent")} id="export-test" error={errors["split.test"]}>
            {(control) => <Input {...control} name="testPercent" type="number" min={0} max={100} defaultValue={10} />}
          </Field>
          <Field label={t("validationPercent")} id="export-validation" error={errors["split.validation"]}>
            {(control) => <Input {...control} name="validationPercent" type="number" min={0} max={100} defaultValue={0} />}
          </Field>
          <Field label={t("seed")} id="export-seed" error={errors["split.seed"]}>
            {(control) => <Input {...control} name="seed" defaultValue="arbiter" />}
          </Field>
          <Field label={t("splitBy")} id="export-split-by">
            {(control) => (
              <Select {...control} name="splitBy" defaultValue="content">
                <option value="content">{t("splitByContent")}</option>
                <option value="prompt-id">{t("splitByPromptId")}</option>
              </Select>
            )}
          </Field>
        </fieldset>

        <div className="flex gap-2">
          <Button type="submit" name="intent" value="preview" variant="secondary" disabled={isPending}>
            {t("preview")}
          </Button>
          <Button type="submit" name="intent" value="export" variant="primary" disabled={isPending}>
            {t("start")}
          </Button>
          {isPending ? <span className="self-center text-sm text-muted-foreground" role="status">{t("working")}</span> : null}
        </div>
      </form>
      {state?.status === "preview" ? <ExportPreviewPanel preview={state.preview} /> : null}
    </Card>
  );
}
