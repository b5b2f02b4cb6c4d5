import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BatchFilesPanel } from "@/components/generation/batch-files-panel";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { getGenerationContext } from "@/server/services/generation/get-generation-context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("batch"))("metaTitle") };
}

const code = (chunks: ReactNode) => <code>{chunks}</code>;

export default async function BatchFilesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission(canManageEndpoints);
  const { id } = await params;
  const { promptSet } = await loadOrNotFound(getGenerationContext({ actor, promptSetId: id }));
  const t = await getTranslations("batch");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t.rich("description", {
          set: (chunks) => (
            <Link href={`/prompt-sets/${promptSet.id}`} className="underline underline-offset-2">
              {chunks}
            </Link>
          ),
          name: promptSet.name,
          prompts: promptSet.promptCount,
          code,
        })}
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
