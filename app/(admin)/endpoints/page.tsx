import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { EndpointRowData } from "@/components/endpoints/action-state";
import { EndpointForm } from "@/components/endpoints/endpoint-form";
import { EndpointsList } from "@/components/endpoints/endpoints-list";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { samplingParamsSchema } from "@/lib/generation/schemas";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { archiveEndpointAction, createEndpointAction, testConnectionAction, updateEndpointAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("endpoints"))("metaTitle") };
}

export default async function EndpointsPage() {
  const actor = await requirePagePermission(canManageEndpoints);
  const endpoints = await listEndpoints({ actor });
  const t = await getTranslations("endpoints");
  const rows: EndpointRowData[] = endpoints.map((endpoint) => {
    const defaults = samplingParamsSchema.safeParse(endpoint.defaults).data ?? {};
    return {
      id: endpoint.id,
      name: endpoint.name,
      baseUrl: endpoint.baseUrl,
      model: endpoint.model,
      apiKeyLast4: endpoint.apiKeyLast4,
      hasApiKey: endpoint.apiKeyLast4 !== null,
      temperature: defaults.temperature?.toString() ?? "",
      topP: defaults.top_p?.toString() ?? "",
      maxTokens: defaults.max_tokens?.toString() ?? "",
      maxConcurrency: endpoint.maxConcurrency,
      timeoutMs: endpoint.timeoutMs,
    };
  });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-10">
        <section aria-labelledby="add-endpoint-heading">
          <Card>
            <CardTitle id="add-endpoint-heading">{t("addTitle")}</CardTitle>
            <CardDescription>{t("addDescription")}</CardDescription>
            <div className="mt-5">
              <EndpointForm action={createEndpointAction} idPrefix="new-endpoint" />
            </div>
          </Card>
        </section>
        <section aria-labelledby="endpoint-list-heading" className="space-y-3">
          <h2 id="endpoint-list-heading" className="text-base font-semibold">
            {t("listTitle")}
          </h2>
          {rows.length === 0 ? (
            <EmptyState title={t("emptyTitle")} headingLevel={3}>
              <p>{t("emptyBody")}</p>
            </EmptyState>
          ) : (
            <EndpointsList endpoints={rows} actions={{ update: updateEndpointAction, testConnection: testConnectionAction, archive: archiveEndpointAction }} />
          )}
        </section>
      </div>
    </>
  );
}
