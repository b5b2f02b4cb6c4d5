"use client";

import { useTranslations } from "next-intl";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";
import { unstable_isUnrecognizedActionError as isUnrecognizedAction } from "next/navigation";
import { FORM_TOO_LARGE_MESSAGE } from "@/lib/http/write-request";

/** Unexpected errors (AppErrors are shown where they happen); the server has logged the details. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // The one expected error that reaches here: a form over the size limit (413 from proxy.ts).
  const isTooLarge = error.message === FORM_TOO_LARGE_MESSAGE;
  // A form of a page from an earlier build (after an upgrade): its action no longer exists on the server.
  const isStale = isUnrecognizedAction(error);
  const t = useTranslations("status");
  return (
    <StatusPage
      code={t("error")}
      title={isStale ? t("staleTitle") : isTooLarge ? t("tooLargeTitle") : t("errorTitle")}
      action={
        isStale ? (
          <Button variant="primary" onClick={() => window.location.reload()}>
            {t("reload")}
          </Button>
        ) : (
          <Button variant="primary" onClick={reset}>
            {t("tryAgain")}
          </Button>
        )
      }
    >
      <p data-testid="page-error">
        {isStale ? t("staleBody") : isTooLarge ? t("tooLargeBody") : t("errorBody")}
      </p>
      {error.digest ? <p className="font-mono text-xs">{t("reference", { digest: error.digest })}</p> : null}
    </StatusPage>
  );
}
