"use client";

import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";
import { unstable_isUnrecognizedActionError as isUnrecognizedAction } from "next/navigation";
import { STALE_PAGE_MESSAGE } from "@/lib/http/deployment";
import { FORM_TOO_LARGE_MESSAGE } from "@/lib/http/write-request";

/** Unexpected errors (AppErrors are shown where they happen); the server has logged the details. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // The one expected error that reaches here: a form over the size limit (413 from proxy.ts).
  const isTooLarge = error.message === FORM_TOO_LARGE_MESSAGE;
  // A form of a page from an earlier build (after an upgrade): its action no longer exists on the server.
  const isStale = isUnrecognizedAction(error);
  return (
    <StatusPage
      code="Error"
      title={isStale ? "Arbiter was updated" : isTooLarge ? "Too much to send" : "Something went wrong"}
      action={
        isStale ? (
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
        ) : (
          <Button variant="primary" onClick={reset}>
            Try again
          </Button>
        )
      }
    >
      <p data-testid="page-error">
        {isStale ? STALE_PAGE_MESSAGE : isTooLarge ? FORM_TOO_LARGE_MESSAGE : "The server could not finish this request. Try again; if it keeps failing, tell your admin."}
      </p>
      {error.digest ? <p className="font-mono text-xs">Reference: {error.digest}</p> : null}
    </StatusPage>
  );
}
