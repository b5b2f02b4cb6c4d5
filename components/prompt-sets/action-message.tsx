import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/forms/action-state";

/** The result of a form's last submit: an error (role=alert, with a test id) or a polite status. */
export function ActionMessage({ state, testId }: { state: ActionState | null; testId: string }) {
  if (!state) return null;
  if (state.status === "error") return <Alert tone="error" testId={`${testId}-error`} title={state.message} />;
  return (
    <Alert tone="success" testId={`${testId}-ok`}>
      {state.message}
    </Alert>
  );
}
