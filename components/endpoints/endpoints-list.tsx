import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ConnectionTestState, EndpointAction, EndpointRowData } from "./action-state";
import { ArchiveEndpointButton } from "./archive-endpoint-button";
import { EndpointForm } from "./endpoint-form";
import { TestConnectionButton } from "./test-connection-button";

type Actions = {
  update: EndpointAction;
  testConnection: (previous: ConnectionTestState | null, formData: FormData) => Promise<ConnectionTestState>;
  archive: EndpointAction;
};

export function EndpointsList({ endpoints, actions }: { endpoints: EndpointRowData[]; actions: Actions }) {
  const t = useTranslations("endpoints");
  return (
    <ul className="space-y-4">
      {endpoints.map((endpoint) => (
        <li key={endpoint.id} data-testid={`endpoint-${endpoint.name}`}>
          <Card className="space-y-3">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h3 className="font-semibold">{endpoint.name}</h3>
                <p className="text-sm break-all text-muted-foreground">
                  {t("modelAt", { model: endpoint.model, baseUrl: endpoint.baseUrl })}
                </p>
                <p className="mt-1 flex flex-wrap gap-2 text-xs">
                  <Badge>{endpoint.hasApiKey ? t("keyLast4", { last4: endpoint.apiKeyLast4 ?? "" }) : t("noKey")}</Badge>
                  <Badge>{t("concurrent", { count: endpoint.maxConcurrency })}</Badge>
                  <Badge>{t("timeout", { seconds: endpoint.timeoutMs / 1000 })}</Badge>
                </p>
              </div>
              <ArchiveEndpointButton endpointId={endpoint.id} action={actions.archive} />
            </div>
            <TestConnectionButton endpointId={endpoint.id} action={actions.testConnection} />
            <details>
              <summary className="cursor-pointer text-sm font-medium">{t("edit")}</summary>
              <div className="mt-3">
                <EndpointForm action={actions.update} endpoint={endpoint} idPrefix={`edit-${endpoint.id}`} />
              </div>
            </details>
          </Card>
        </li>
      ))}
    </ul>
  );
}
