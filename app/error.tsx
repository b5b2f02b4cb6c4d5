"use client";

import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

/** Unexpected errors (AppErrors are shown where they happen); the server has logged the details. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      action={
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
      }
    >
      <p data-testid="page-error">The server could not finish this request. Try again; if it keeps failing, tell your admin.</p>
      {error.digest ? <p className="font-mono text-xs">Reference: {error.digest}</p> : null}
    </StatusPage>
  );
}
