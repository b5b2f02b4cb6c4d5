import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ExportForm } from "@/components/exports/export-form";
import { ExportHistory } from "@/components/exports/export-history";
import { QueryProvider } from "@/components/query/query-provider";
import { ApiTokensSection } from "@/components/tokens/api-tokens-section";
import { PageHeader } from "@/components/ui/page-header";
import { exportFormats } from "@/lib/export/formats";
import { candidateSources, type CandidateSource } from "@/lib/vocabulary";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canExport } from "@/lib/authz/permissions";
import { listApiTokens } from "@/server/services/api-tokens/list-api-tokens";
import { listExportChoices } from "@/server/services/exports/list-export-choices";
import { listExports } from "@/server/services/exports/list-exports";
import { cancelExportAction, createTokenAction, exportFormAction, revokeTokenAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exports"))("metaTitle") };
}

export default async function ExportsPage() {
  const actor = await requirePagePermission(canExport);
  const [choices, exports, tokens] = await Promise.all([listExportChoices({ actor }), listExports({ actor }), listApiTokens({ actor })]);
  const t = await getTranslations();
  const sourceLabels = Object.fromEntries(candidateSources.map((source) => [source, t(`vocabulary.candidateSource.${source}`)])) as Record<CandidateSource, string>;
  const formats = Object.values(exportFormats).map(({ name, kind, trainers, supportsMargin }) => ({ name, kind, description: t(`exports.formatDescription.${name}`), trainers, supportsMargin }));

  return (
    <>
      <PageHeader title={t("exports.title")} description={t("exports.description")} />
      <div className="space-y-6">
        <ExportForm action={exportFormAction} choices={{ ...choices, formats, sourceLabels }} />
        <section aria-labelledby="export-history-heading" className="space-y-3">
          <h2 id="export-history-heading" className="text-base font-semibold">
            {t("exports.historyTitle")}
          </h2>
          <QueryProvider>
            <ExportHistory
              cancelAction={cancelExportAction}
              rows={exports.map((row) => ({
                id: row.id,
                name: row.name,
                format: row.format,
                status: row.status,
                progress: row.progress,
                total: row.total,
                error: row.error,
                createdAt: row.createdAt.toISOString(),
                createdBy: row.createdBy?.email ?? null,
              }))}
            />
          </QueryProvider>
        </section>
        <ApiTokensSection
          tokens={tokens.map((token) => ({
            id: token.id,
            name: token.name,
            prefix: token.prefix,
            createdAt: token.createdAt.toISOString(),
            lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
            expiresAt: token.expiresAt?.toISOString() ?? null,
            revokedAt: token.revokedAt?.toISOString() ?? null,
          }))}
          createAction={createTokenAction}
          revokeAction={revokeTokenAction}
        />
      </div>
    </>
  );
}
