import type { Metadata } from "next";
import { AnnotationWorkspace } from "@/components/annotation/annotation-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canAnnotate } from "@/lib/authz/permissions";
import { claimAssignment } from "@/server/services/annotation/claim-assignment";

export const metadata: Metadata = { title: "Annotate" };

export default async function AnnotationWorkspacePage({ params }: { params: Promise<{ promptSetId: string }> }) {
  const actor = await requirePagePermission(canAnnotate);
  const { promptSetId } = await params;
  // The item held (after a reload) or the next one, so the first prompt is in the HTML.
  const claim = await loadOrNotFound(claimAssignment({ actor, promptSetId }));
  return (
    <>
      <PageHeader title={claim.setup.name} description={claim.setup.mode === "PAIRWISE" ? "Which answer is better? Keys 1–4, Enter to submit, ? for all shortcuts." : "Rank the answers, best first. j/k to focus, J/K to move, t to tie, ? for all shortcuts."} />
      <AnnotationWorkspace setup={claim.setup} initialItem={claim.item} />
    </>
  );
}
