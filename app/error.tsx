"use client";

import { useTranslations } from "next-intl";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";
import { FORM_TOO_LARGE_MESSAGE } from "@/lib/http/write-request";

/** Unexpected errors (AppErrors are shown where they happen); the server has logged the details. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // The one expected error that reaches here: a form over the size limit (413 from proxy.ts).
  const isTooLarge = error.message === FORM_TOO_LARGE_MESSAGE;
  const t = useTranslations("status");
  return (
    <StatusPage
      code={t("error")}
      title={isTooLarge ? t("tooLargeTitle") : t("errorTitle")}
      action={
        <Button variant="primary" onClick={reset}>
          {t("tryAgain")}
        </Button>
      }
    >
      <p data-testid="page-error">
        {isTooLarge ? t("tooLargeBody") : t("errorBody")}
      </p>
      {error.digest ? <p className="font-mono text-xs">{t("reference", { digest: error.digest })}</p> : null}
    </StatusPage>
  );
}
