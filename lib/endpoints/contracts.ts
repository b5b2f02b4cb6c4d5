/** Shapes that cross the network (HTTP API and server actions): the services declare that they return them; components import them from here, never the services. */

/** The answer of "Test connection": the server's models, or in plain words why it could not be reached. */
export type ConnectionTest =
  | { ok: true; models: string[]; hasConfiguredModel: boolean }
  | { ok: false; error: string };
