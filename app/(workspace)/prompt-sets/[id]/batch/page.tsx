import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchFilesPanel } from "@/components/generation/batch-files-panel";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { setDescriptionTags } from "@/components/generation/set-description-tags";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { getGenerationContext } from "@/server/services/generation/get-generation-context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("batch"))("metaTitle") };
}


export default async function BatchFilesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission(canManageEndpoints);
  const { id } = await params;
  const { promptSet } = await loadOrNotFound(getGenerationContext({ actor, promptSetId: id }));
  const t = await getTranslations("batch");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t.rich("description", setDescriptionTags(promptSet))}
      />
      <Card>
        <CardTitle>{t("cardTitle")}</CardTitle>
        <CardDescription>{t("cardDescription")}</CardDescription>
        <div className="mt-5">
          <BatchFilesPanel promptSetId={promptSet.id} defaultN={promptSet.candidatesPerPrompt} />
        </div>
      </Card>
    </>
  );
}
