"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ConnectionTestState } from "./action-state";

export function TestConnectionButton({ endpointId, action }: { endpointId: string; action: (previous: ConnectionTestState | null, formData: FormData) => Promise<ConnectionTestState> }) {
  const t = useTranslations("endpoints");
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <Button type="submit" size="sm" disabled={isPending}>
        {isPending ? t("testing") : t("testConnection")}
      </Button>
      {state?.ok === true ? (
        <Alert tone={state.hasConfiguredModel ? "success" : "warning"} testId={`connection-${endpointId}`} title={state.hasConfiguredModel ? t("connected") : t("connectedNotListed")}>
          <span className="block">{t("answered", { model: state.model, ms: state.latencyMs })}</span>
          {state.models ? <span className="block break-words">{state.models.length ? t("models", { models: state.models.join(", ") }) : t("noModelsListed")}</span> : null}
        </Alert>
      ) : null}
      {state?.ok === false ? (
        <Alert tone="error" testId={`connection-${endpointId}`} title={t("connectionFailed")}>
          {"message" in state ? (
            state.message
          ) : (
            <>
              <span className="block break-words">{t(`problem.${state.problem}`, { model: state.model, detail: state.detail })}</span>
              {state.problem === "unknownModel" && state.models ? (
                <span className="block break-words">{state.models.length ? t("serverModels", { models: state.models.join(", ") }) : t("serverNoModels")}</span>
              ) : null}
            </>
          )}
        </Alert>
      ) : null}
    </form>
  );
}
