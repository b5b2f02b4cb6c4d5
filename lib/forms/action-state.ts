/**
 * What a server action returns to its form through useActionState: plain data, so it crosses the
 * server/client boundary. One shape for every form; a form that returns more (a one-time password, a
 * run id) adds its fields through `Extra`.
 */
export type ActionState<Extra extends object = object> = {
  status: "ok" | "error";
  message: string;
  /** Field-level messages from the service's validation: { name: "already in use" }. */
  fields?: Record<string, string>;
  /** The submitted text fields (never a secret), to refill the form after an error (React resets forms after actions). */
  values?: Record<string, string>;
} & Extra;

/** The error state of any form: what server/http's actionFailure turns an AppError into. */
export type ActionFailure = { status: "error"; message: string; fields?: Record<string, string>; values?: Record<string, string> };

/** A server action as useActionState calls it. */
export type FormAction<State = ActionState> = (previous: State | null, formData: FormData) => Promise<State>;
