"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ConnectionTestState } from "./action-state";

export function TestConnectionButton({ endpointId, action }: { endpointId: string; action: (previous: ConnectionTestState | null, formData: FormData) => Promise<ConnectionTestState> }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <Button type="submit" size="sm" disabled={isPending}>
        {isPending ? "Testing…" : "Test connection"}
      </Button>
      {state?.ok === true ? (
        <Alert tone={state.hasConfiguredModel ? "success" : "warning"} testId={`connection-${endpointId}`} title={state.hasConfiguredModel ? "Connected." : "Connected, but the configured model is not in the server's list."}>
          <span>Models: {state.models.length ? state.models.join(", ") : "(none listed)"}</span>
        </Alert>
      ) : null}
      {state?.ok === false ? (
        <Alert tone="error" testId={`connection-${endpointId}`} title="Connection failed.">
          {state.error}
        </Alert>
      ) : null}
    </form>
  );
}
