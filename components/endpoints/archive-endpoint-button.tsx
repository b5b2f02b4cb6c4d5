"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { EndpointAction } from "./action-state";

/** Archive, with the refusal (already archived, not allowed) shown beside the button, not as the error page. */
export function ArchiveEndpointButton({ endpointId, action }: { endpointId: string; action: EndpointAction }) {
  const t = useTranslations("endpoints");
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <Button type="submit" size="sm" variant="ghost" disabled={isPending}>
        {isPending ? t("archiving") : t("archive")}
      </Button>
      {state?.status === "error" ? (
        <Alert tone="error" testId={`archive-${endpointId}`} title={t("notArchived")}>
          {state.message}
        </Alert>
      ) : null}
    </form>
  );
}
