import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { RunCandidates } from "@/components/generation/run-candidates";
import { RunBatchPanel } from "@/components/generation/run-batch-panel";
import { RunProgressPanel } from "@/components/generation/run-progress-panel";
import { StartRunForm } from "@/components/generation/start-run-form";
import { QueryProvider } from "@/components/query/query-provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { setDescriptionTags } from "@/components/generation/set-description-tags";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { getGenerationContext } from "@/server/services/generation/get-generation-context";
import { getRunProgress } from "@/server/services/generation/get-run-progress";
import { listRunCandidates } from "@/server/services/generation/list-run-candidates";
import { listRuns } from "@/server/services/generation/list-runs";
import { cancelRunAction, regenerateCandidateAction, resumeRunAction, retryFailedAction, startRunAction } from "./actions";

const code = (chunks: ReactNode) => <code>{chunks}</code>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("generation"))("metaTitle") };
}


export default async function GeneratePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission(canManageEndpoints);
  const { id } = await params;
  const context = await loadOrNotFound(getGenerationContext({ actor, promptSetId: id }));
  const runs = await listRuns({ actor, promptSetId: id, take: 5 });
  const latest = runs[0];
  const [progress, candidates] = await Promise.all([
    Promise.all(runs.map((run) => getRunProgress({ actor, runId: run.id }))),
    latest ? listRunCandidates({ actor, runId: latest.id, take: 50 }) : [],
  ]);
  const { promptSet, endpoints } = context;
  const t = await getTranslations("generation");
  // While a run is live its progress comes first, above the form, so it is on screen without scrolling.
  const isLive = progress.some((run) => run.status === "RUNNING" || run.status === "QUEUED");

  const newRun = (
    <section aria-labelledby="start-run-heading" key="new-run">
      <Card>
        <CardTitle id="start-run-heading">{t("newRun")}</CardTitle>
        <CardDescription>{t("newRunDescription")}</CardDescription>
        <div className="mt-5">
          {endpoints.length === 0 ? (
            <Alert tone="warning" title={t("noEndpoints")}>
              {t.rich("addEndpointFirst", {
                link: (chunks) => (
                  <Link href="/endpoints" className="underline underline-offset-2">
                    {chunks}
                  </Link>
                ),
              })}
            </Alert>
          ) : (
            <StartRunForm promptSetId={promptSet.id} endpoints={endpoints} defaultN={promptSet.candidatesPerPrompt} action={startRunAction} />
          )}
        </div>
      </Card>
    </section>
  );
  const batchHint = (
    <p className="text-sm" key="batch">
      {t.rich("batchHint", {
        link: (chunks) => (
          <Link href={`/prompt-sets/${promptSet.id}/batch`} className="underline underline-offset-2">
            {chunks}
          </Link>
        ),
        code,
      })}
    </p>
  );
  const recentRuns = (
    <section aria-labelledby="runs-heading" className="space-y-3" key="runs" data-testid="recent-runs">
      <h2 id="runs-heading" className="text-base font-semibold">
        {isLive ? t("liveRuns") : t("recentRuns")}
      </h2>
      {progress.length === 0 ? (
        <EmptyState title={t("noRunsTitle")} headingLevel={3}>
          <p>{t("noRunsBody")}</p>
        </EmptyState>
      ) : (
        <QueryProvider>
          {progress.map((run, index) => {
            const summary = runs[index]!;
            // A stopped generation run can finish on a cluster: its Batch file holds what the worker did not answer.
            const canBatch = !summary.isJudgeRun && run.status !== "QUEUED" && run.status !== "RUNNING";
            return (
              <div key={run.id} className="space-y-2">
                <RunProgressPanel key={`${run.id}-${run.status}`} initial={run} controls={{ cancel: cancelRunAction, resume: resumeRunAction, retryFailed: retryFailedAction }} />
                {canBatch ? <RunBatchPanel runId={run.id} promptSetId={promptSet.id} endpoints={summary.endpointRefs} /> : null}
              </div>
            );
          })}
        </QueryProvider>
      )}
    </section>
  );

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t.rich("description", setDescriptionTags(promptSet))}
      />
      <div className="space-y-10">
        {isLive ? [recentRuns, newRun, batchHint] : [newRun, batchHint, recentRuns]}
        {latest ? (
          <section aria-labelledby="candidates-heading" className="space-y-3">
            <h2 id="candidates-heading" className="text-base font-semibold">
              {candidates.length === 50 ? t("latestCandidatesNewest", { count: 50 }) : t("latestCandidates", { count: candidates.length })}
            </h2>
            {candidates.length === 0 ? <p className="text-sm text-muted-foreground">{t("noneYet")}</p> : <RunCandidates candidates={candidates} regenerate={regenerateCandidateAction} />}
          </section>
        ) : null}
      </div>
    </>
  );
}
