import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImportPanel } from "@/components/import/import-panel";
import { Guidelines } from "@/components/prompt-sets/guidelines";
import { PromptList } from "@/components/prompt-sets/prompt-list";
import { SetOverview } from "@/components/prompt-sets/set-overview";
import { RewriteRulesPanel } from "@/components/prompt-sets/rewrite-rules-panel";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canManageEndpoints, canManagePromptSets, canViewPromptSets } from "@/lib/authz/permissions";
import { getPromptSet } from "@/server/services/prompt-sets/get-prompt-set";
import { listPrompts } from "@/server/services/prompt-sets/list-prompts";
import { listRewriteRules } from "@/server/services/rewrite-rules/list-rewrite-rules";
import { previewRewriteRules } from "@/server/services/rewrite-rules/preview-rewrite-rules";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { applyRewriteRulesAction, createRewriteRuleAction, updateRewriteRuleAction } from "../actions";
import { SimpleActionForm } from "@/components/prompt-sets/simple-action-form";
import { PassRates } from "@/components/verifiers/pass-rates";
import { VerifierSettingsForm } from "@/components/verifiers/verifier-settings-form";
import { getVerifierSummary } from "@/server/services/verifiers/get-verifier-summary";
import { runVerifiersAction, saveVerifierSettingsAction } from "../verifier-actions";
import { CreateJudgeForm, JudgeSuggestionsForm, JudgeTemplateForm } from "@/components/judges/judge-forms";
import { JudgeSummaryView } from "@/components/judges/judge-summary";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { getJudgeSuggestions } from "@/server/services/judges/get-judge-suggestions";
import { getJudgeSummary } from "@/server/services/judges/get-judge-summary";
import { listJudges } from "@/server/services/judges/list-judges";
import { createJudgeAction, runJudgeAction, saveJudgeSuggestionsAction, updateJudgeTemplateAction } from "../judge-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("promptSets"))("set.metaTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PromptSetPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission(canViewPromptSets);
  const { id } = await params;
  const query = await searchParams;
  const set = await loadOrNotFound(getPromptSet({ actor, promptSetId: id }));
  const isManager = canManagePromptSets(actor);
  const isEditable = isManager && !set.archivedAt;
  const canJudge = isEditable && canManageEndpoints(actor);
  const [prompts, rules, verifiers, judgeSummaries, judges, endpoints, judgeSuggestions] = await Promise.all([
    listPrompts({ actor, promptSetId: id, input: { page: typeof query.page === "string" ? query.page : undefined, q: typeof query.q === "string" ? query.q : undefined } }),
    listRewriteRules({ actor, promptSetId: id }),
    getVerifierSummary({ actor, promptSetId: id }),
    getJudgeSummary({ actor, promptSetId: id }),
    listJudges({ actor }),
    canJudge ? listEndpoints({ actor }) : Promise.resolve([]),
    getJudgeSuggestions({ actor, promptSetId: id }),
  ]);
  const t = await getTranslations("promptSets");
  const tr = await getTranslations("rewriteRules");
  const preview = isEditable && rules.some((rule) => rule.enabled) ? await previewRewriteRules({ actor, promptSetId: id }) : null;

  return (
    <>
      <PageHeader
        title={set.name}
        description={set.description || undefined}
        actions={
          isManager ? (
            <>
              {isEditable ? (
                <Link href={`/prompt-sets/${id}/generate`} className={buttonClasses({ variant: "primary" })}>
                  {t("set.generate")}
                </Link>
              ) : null}
              <Link href={`/prompt-sets/${id}/quality`} className={buttonClasses({})}>
                {t("set.quality")}
              </Link>
              <Link href={`/prompt-sets/${id}/settings`} className={buttonClasses({})}>
                {t("set.settings")}
              </Link>
            </>
          ) : (
            <Link href={`/prompt-sets/${id}/quality`} className={buttonClasses({})}>
              {t("set.quality")}
            </Link>
          )
        }
      />
      <div className="space-y-8">
        {set.archivedAt ? <Badge tone="warning">{t("set.archivedReadOnly")}</Badge> : null}
        <SetOverview set={set} />
        {set.guidelines ? (
          <Card>
            <CardTitle>{t("set.guidelines")}</CardTitle>
            <div className="mt-3">
              <Guidelines markdown={set.guidelines} />
            </div>
          </Card>
        ) : null}
        {isEditable ? (
          <Card>
            <CardTitle id="import-heading">{t("set.importTitle")}</CardTitle>
            <CardDescription>{t("set.importDescription")}</CardDescription>
            <div className="mt-5">
              <ImportPanel promptSetId={id} savedMapping={set.importMapping} />
            </div>
          </Card>
        ) : null}
        {isEditable ? (
          <Card>
            <CardTitle>{t("set.rewriteTitle")}</CardTitle>
            <CardDescription>{t("set.rewriteDescription")}</CardDescription>
            <div className="mt-5">
              <RewriteRulesPanel
                promptSetId={id}
                rules={rules}
                preview={preview}
                actions={{ create: createRewriteRuleAction, update: updateRewriteRuleAction, apply: applyRewriteRulesAction }}
              />
            </div>
          </Card>
        ) : null}
        {!isEditable && rules.length > 0 ? (
          <Card>
            <CardTitle>{t("set.rewriteTitle")}</CardTitle>
            <ol className="mt-3 space-y-1 text-sm">
              {rules.map((rule) => (
                <li key={rule.id}>
                  <code>{rule.pattern}</code> → <code>{rule.replacement}</code>
                  <span className="text-muted-foreground">
                    {" "}
                    {tr("summary", {
                      // A list of labels, not a sentence: Intl's "unit" lists run Chinese words together, so the catalogue gives the separator.
                      options: [
                        tr(rule.isRegex ? "option.regex" : "option.literal"),
                        ...(rule.wholeWord ? [tr("option.wholeWord")] : []),
                        tr(rule.caseSensitive ? "option.caseSensitive" : "option.anyCase"),
                        ...(rule.enabled ? [] : [tr("option.off")]),
                      ].join(tr("option.separator")),
                      derived: rule.derivedCount,
                    })}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
        <Card>
          <CardTitle id="verifiers-heading">{t("set.verifiersTitle")}</CardTitle>
          <CardDescription>{t("set.verifiersDescription", { scored: verifiers.scoredCandidates, total: verifiers.candidates })}</CardDescription>
          <div className="mt-5 space-y-5">
            {verifiers.byVerifier.length > 0 ? <PassRates byModel={verifiers.byModel} byVerifier={verifiers.byVerifier} cells={verifiers.cells} /> : null}
            {verifiers.undecidedReasons.length > 0 ? (
              <div data-testid="undecided-reasons" className="text-sm">
                <p className="font-medium">{t("set.undecidedChecks")}</p>
                <ul className="mt-1 list-disc pl-5 text-muted-foreground">
                  {verifiers.undecidedReasons.map((r) => (
                    <li key={r.reason}>
                      {t("set.undecidedReason", { reason: r.reason, count: r.count })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {isEditable ? (
              <>
                <VerifierSettingsForm promptSetId={id} checksText={verifiers.checksText} showScoresToAnnotators={verifiers.showScoresToAnnotators} action={saveVerifierSettingsAction} />
                <SimpleActionForm action={runVerifiersAction} hidden={{ promptSetId: id }} label={t("set.runVerifiers")} testId="run-verifiers" />
              </>
            ) : null}
          </div>
        </Card>
        <Card>
          <CardTitle id="judges-heading">{t("set.judgesTitle")}</CardTitle>
          <CardDescription>{t("set.judgesDescription")}</CardDescription>
          <div className="mt-5 space-y-5">
            {judgeSummaries.length > 0 ? judgeSummaries.map((summary) => <JudgeSummaryView key={summary.judgeId} summary={summary} />) : <p className="text-sm text-muted-foreground">{t("set.noJudgeRun")}</p>}
            {canJudge ? (
              <>
                {judges.map((judge) => (
                  <details key={judge.id} className="rounded-md border border-border p-3">
                    <summary className="cursor-pointer text-sm font-medium">
                      {t("set.judgeSummary", { name: judge.name, version: judge.template.version, endpoint: judge.endpoint.name })}
                    </summary>
                    <div className="mt-3 space-y-3">
                      <SimpleActionForm action={runJudgeAction} hidden={{ promptSetId: id, judgeId: judge.id }} label={t("set.runJudge", { name: judge.name })} testId={`run-judge-${judge.name}`} variant="primary" />
                      <JudgeTemplateForm promptSetId={id} judge={judge} action={updateJudgeTemplateAction} />
                    </div>
                  </details>
                ))}
                <CreateJudgeForm promptSetId={id} endpoints={endpoints.map((e) => ({ id: e.id, name: e.name, model: e.model }))} action={createJudgeAction} />
                <JudgeSuggestionsForm promptSetId={id} current={judgeSuggestions} action={saveJudgeSuggestionsAction} />
              </>
            ) : null}
          </div>
        </Card>
        <section aria-labelledby="prompts-heading" className="space-y-3">
          <h2 id="prompts-heading" className="text-base font-semibold">
            {t("set.promptsHeading")}
          </h2>
          <PromptList basePath={`/prompt-sets/${id}`} data={prompts} />
        </section>
      </div>
    </>
  );
}
