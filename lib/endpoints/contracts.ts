/** Shapes that cross the network (HTTP API and server actions): the services declare that they return them; components import them from here, never the services. */

/** Why "Test connection" failed, for the page to say in the user's language (`detail` is the server's own words). */
export type ConnectionProblem =
  /** 401/403: the server refused the API key. */
  | "key"
  /** The chat completion was refused and the server's model list lacks the endpoint's model. */
  | "unknownModel"
  /** 404 and no model list either: the base URL most likely lacks /v1. */
  | "noRoute"
  /** Anything else (unreachable, timeout, refused address, a 5xx): `detail` says what. */
  | "other";

/**
 * The answer of "Test connection" (a one-token chat completion with the endpoint's model and key):
 * the model answered (and, when the server lists them, its models), or why it did not.
 */
export type ConnectionTest =
  | { ok: true; model: string; latencyMs: number; models: string[] | null; hasConfiguredModel: boolean }
  | { ok: false; problem: ConnectionProblem; model: string; detail: string; models?: string[] };
