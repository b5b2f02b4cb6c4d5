import type { ConnectionTest } from "@/lib/endpoints/contracts";

/** What an endpoints server action returns to its form: plain data for the client. */
export type EndpointActionState = {
  status: "ok" | "error";
  message: string;
  fields?: Record<string, string>;
  /** The submitted text fields (never the API key), to refill the form after an error. */
  values?: Record<string, string>;
};

export type EndpointAction = (previous: EndpointActionState | null, formData: FormData) => Promise<EndpointActionState>;

/** "Test connection"'s answer: the service's own shape. */
export type ConnectionTestState = ConnectionTest;

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
