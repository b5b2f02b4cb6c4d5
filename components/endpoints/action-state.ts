import type { ConnectionTest } from "@/lib/endpoints/contracts";
import type { ActionState, FormAction } from "@/lib/forms/action-state";

/** What an endpoints server action returns to its form (`values` never holds the API key). */
export type EndpointActionState = ActionState;

export type EndpointAction = FormAction<EndpointActionState>;

/** "Test connection"'s answer: the service's own shape, or a refusal (no such endpoint, no permission) already in the user's language. */
export type ConnectionTestState = ConnectionTest | { ok: false; message: string };

/** An endpoint as the list shows it (never its key, at most the last four characters). */
export type EndpointRowData = {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKeyLast4: string | null;
  hasApiKey: boolean;
  temperature: string;
  topP: string;
  maxTokens: string;
  maxConcurrency: number;
  timeoutMs: number;
};
