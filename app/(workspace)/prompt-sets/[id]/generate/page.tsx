import type { Metadata } from "next";
import Link from "next/link";
import { RunCandidates } from "@/components/generation/run-candidates";
import { RunProgressPanel } from "@/components/generation/run-progress-panel";
import { StartRunForm } from "@/components/generation/start-run-form";
import { QueryProvider } from "@/components/query/query-provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { getGenerationContext } from "@/server/services/generation/get-generation-context";
import { getRunProgress } from "@/server/services/generation/get-run-progress";
import { listRunCandidates } from "@/server/services/generation/list-run-candidates";
import { listRuns } from "@/server/services/generation/list-runs";
import { cancelRunAction, regenerateCandidateAction, resumeRunAction, retryFailedAction, startRunAction } from "./actions";

export const metadata: Metadata = { title: "Generate candidates" };

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

  return (
    <>
      <PageHeader
        title="Generate candidates"
        description={
          <>
            For <Link href={`/prompt-sets/${promptSet.id}`} className="underline underline-offset-2">{promptSet.name}</Link>: {promptSet.promptCount} prompts. A worker process
            (started by <code>npm start</code>, more with <code>npm run worker</code>) does the work; you can leave this page.
          </>
        }
      />
      <div className="space-y-10">
        <section aria-labelledby="start-run-heading">
          <Card>
            <CardTitle id="start-run-heading">New run</CardTitle>
            <CardDescription>Each prompt gets N candidates from each chosen endpoint (or N in all, spread across them).</CardDescription>
            <div className="mt-5">
              {endpoints.length === 0 ? (
                <Alert tone="warning" title="No endpoints yet.">
                  <Link href="/endpoints" className="underline underline-offset-2">
                    Add an endpoint
                  </Link>{" "}
                  first.
                </Alert>
              ) : (
                <StartRunForm promptSetId={promptSet.id} endpoints={endpoints} defaultN={promptSet.candidatesPerPrompt} action={startRunAction} />
              )}
            </div>
          </Card>
        </section>
        <p className="text-sm">
          Generating on a cluster instead?{" "}
          <Link href={`/prompt-sets/${promptSet.id}/batch`} className="underline underline-offset-2">
            Batch files
          </Link>{" "}
          (OpenAI Batch API, vLLM <code>run_batch</code>): download a request file, import its results.
        </p>
        <section aria-labelledby="runs-heading" className="space-y-3">
          <h2 id="runs-heading" className="text-base font-semibold">
            Recent runs
          </h2>
          {progress.length === 0 ? (
            <EmptyState title="No runs yet" headingLevel={3}>
              <p>Start one above; its progress shows here.</p>
            </EmptyState>
          ) : (
            <QueryProvider>
              {progress.map((run) => (
                <RunProgressPanel
                  key={`${run.id}-${run.status}`}
                  initial={run}
                  controls={{ cancel: cancelRunAction, resume: resumeRunAction, retryFailed: retryFailedAction }}
                />
              ))}
            </QueryProvider>
          )}
        </section>
        {latest ? (
          <section aria-labelledby="candidates-heading" className="space-y-3">
            <h2 id="candidates-heading" className="text-base font-semibold">
              Candidates of the latest run {candidates.length === 50 ? "(newest 50)" : `(${candidates.length})`}
            </h2>
            {candidates.length === 0 ? <p className="text-sm text-muted-foreground">None yet.</p> : <RunCandidates candidates={candidates} regenerate={regenerateCandidateAction} />}
          </section>
        ) : null}
      </div>
    </>
  );
}
