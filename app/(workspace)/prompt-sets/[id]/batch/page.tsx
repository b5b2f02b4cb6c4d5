import type { Metadata } from "next";
import Link from "next/link";
import { BatchFilesPanel } from "@/components/generation/batch-files-panel";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { getGenerationContext } from "@/server/services/generation/get-generation-context";

export const metadata: Metadata = { title: "Batch files" };

export default async function BatchFilesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission(canManageEndpoints);
  const { id } = await params;
  const { promptSet } = await loadOrNotFound(getGenerationContext({ actor, promptSetId: id }));
  return (
    <>
      <PageHeader
        title="Batch files"
        description={
          <>
            For <Link href={`/prompt-sets/${promptSet.id}`} className="underline underline-offset-2">{promptSet.name}</Link>: {promptSet.promptCount} prompts. Generate on a cluster
            instead of through endpoints: download a request file for the OpenAI Batch API or vLLM&apos;s <code>run_batch</code>, run it there, and import the results file it writes.
          </>
        }
      />
      <Card>
        <CardTitle>Request file and results</CardTitle>
        <CardDescription>Each answer becomes a candidate of its prompt, with the model and sampling parameters; importing the same results again adds nothing.</CardDescription>
        <div className="mt-5">
          <BatchFilesPanel promptSetId={promptSet.id} defaultN={promptSet.candidatesPerPrompt} />
        </div>
      </Card>
    </>
  );
}
