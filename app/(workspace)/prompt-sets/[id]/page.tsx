import type { Metadata } from "next";
import Link from "next/link";
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

export const metadata: Metadata = { title: "Prompt set" };

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
                  Generate candidates
                </Link>
              ) : null}
              <Link href={`/prompt-sets/${id}/quality`} className={buttonClasses({})}>
                Quality
              </Link>
              <Link href={`/prompt-sets/${id}/settings`} className={buttonClasses({})}>
                Settings
              </Link>
            </>
          ) : (
            <Link href={`/prompt-sets/${id}/quality`} className={buttonClasses({})}>
              Quality
            </Link>
          )
        }
      />
      <div className="space-y-8">
        {set.archivedAt ? <Badge tone="warning">Archived: read-only</Badge> : null}
        <SetOverview set={set} />
        {set.guidelines ? (
          <Card>
            <CardTitle>Guidelines</CardTitle>
            <div className="mt-3">
              <Guidelines markdown={set.guidelines} />
            </div>
          </Card>
        ) : null}
        {isEditable ? (
          <Card>
            <CardTitle id="import-heading">Import prompts</CardTitle>
            <CardDescription>Records already in this set (the same conversation) are counted and skipped. Answers in the file become imported candidates.</CardDescription>
            <div className="mt-5">
              <ImportPanel promptSetId={id} savedMapping={set.importMapping} />
            </div>
          </Card>
        ) : null}
        {isEditable ? (
          <Card>
            <CardTitle>Rewrite rules</CardTitle>
            <CardDescription>
              Each rule derives a variant of a candidate (“Qwen” → “Deep Qwen”), linked to its source, so the pair can later be offered as chosen and rejected.
            </CardDescription>
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
            <CardTitle>Rewrite rules</CardTitle>
            <ol className="mt-3 space-y-1 text-sm">
              {rules.map((rule) => (
                <li key={rule.id}>
                  <code>{rule.pattern}</code> → <code>{rule.replacement}</code>
                  <span className="text-muted-foreground">
                    {" "}
                    ({[rule.isRegex ? "regex" : "literal", rule.wholeWord ? "whole word" : null, rule.caseSensitive ? "case-sensitive" : "any case", rule.enabled ? null : "off"].filter(Boolean).join(", ")}; {rule.derivedCount} derived)
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
        <Card>
          <CardTitle id="verifiers-heading">Verifiers</CardTitle>
          <CardDescription>
            Checks that score every candidate objectively (a maths answer against the reference, must / must not include, length, language, format). They run when candidates
            arrive; {verifiers.scoredCandidates} of {verifiers.candidates} candidates have scores.
          </CardDescription>
          <div className="mt-5 space-y-5">
            {verifiers.byVerifier.length > 0 ? <PassRates byModel={verifiers.byModel} byVerifier={verifiers.byVerifier} cells={verifiers.cells} /> : null}
            {verifiers.undecidedReasons.length > 0 ? (
              <div data-testid="undecided-reasons" className="text-sm">
                <p className="font-medium">Undecided checks</p>
                <ul className="mt-1 list-disc pl-5 text-muted-foreground">
                  {verifiers.undecidedReasons.map((r) => (
                    <li key={r.reason}>
                      {r.reason} ({r.count})
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {isEditable ? (
              <>
                <VerifierSettingsForm promptSetId={id} checksText={verifiers.checksText} showScoresToAnnotators={verifiers.showScoresToAnnotators} action={saveVerifierSettingsAction} />
                <SimpleActionForm action={runVerifiersAction} hidden={{ promptSetId: id }} label="Run verifiers on all candidates" testId="run-verifiers" />
              </>
            ) : null}
          </div>
        </Card>
        <Card>
          <CardTitle id="judges-heading">Model judges</CardTitle>
          <CardDescription>
            A judge is an endpoint and a template: pairwise (every pair in both orders, [[A]] / [[B]] / [[C]]) or graded 1-10. Judge its verdicts by their position
            consistency and their agreement with the annotators on the same pairs before trusting them.
          </CardDescription>
          <div className="mt-5 space-y-5">
            {judgeSummaries.length > 0 ? judgeSummaries.map((summary) => <JudgeSummaryView key={summary.judgeId} summary={summary} />) : <p className="text-sm text-muted-foreground">No judge has run on this set yet.</p>}
            {canJudge ? (
              <>
                {judges.map((judge) => (
                  <details key={judge.id} className="rounded-md border border-border p-3">
                    <summary className="cursor-pointer text-sm font-medium">
                      {judge.name} (template v{judge.template.version}, {judge.endpoint.name})
                    </summary>
                    <div className="mt-3 space-y-3">
                      <SimpleActionForm action={runJudgeAction} hidden={{ promptSetId: id, judgeId: judge.id }} label={`Run ${judge.name} on this set`} testId={`run-judge-${judge.name}`} variant="primary" />
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
            Prompts
          </h2>
          <PromptList basePath={`/prompt-sets/${id}`} data={prompts} />
        </section>
      </div>
    </>
  );
}
