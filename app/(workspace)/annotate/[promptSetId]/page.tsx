import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AnnotationWorkspace } from "@/components/annotation/annotation-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canAnnotate } from "@/lib/authz/permissions";
import { claimAssignment } from "@/server/services/annotation/claim-assignment";
import { listMyPromptSets } from "@/server/services/annotation/list-my-prompt-sets";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("annotate"))("metaTitle") };
}

export default async function AnnotationWorkspacePage({ params }: { params: Promise<{ promptSetId: string }> }) {
  const actor = await requirePagePermission(canAnnotate);
  const { promptSetId } = await params;
  // The item held (after a reload) or the next one, so the first prompt is in the HTML.
  const claim = await loadOrNotFound(claimAssignment({ actor, promptSetId }));
  const t = await getTranslations("workspace");
  // After the claim, so that the item just leased is counted among those open to this annotator.
  const [mine] = await listMyPromptSets({ actor, promptSetId });
  const initialProgress = { open: mine?.open ?? 0, judged: mine?.judged ?? 0, target: (mine?.prompts ?? 0) * (mine?.overlap ?? 0) };
  return (
    <>
      <PageHeader title={claim.setup.name} description={claim.setup.mode === "PAIRWISE" ? t("descriptionPairwise") : t("descriptionRanking")} />
      <AnnotationWorkspace setup={claim.setup} initialItem={claim.item} initialPause={claim.paused ?? null} initialProgress={initialProgress} />
    </>
  );
}
