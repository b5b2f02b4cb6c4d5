/** What a prompt-set server action returns to its form: plain data across the server/client boundary. */
export type ActionState = {
  status: "ok" | "error";
  message: string;
  /** Field-level messages from the service's validation: { name: "already in use" }. */
  fields?: Record<string, string>;
  /** The submitted text fields, to refill the form after an error (React resets forms after actions). */
  values?: Record<string, string>;
};

export type FormAction = (previous: ActionState | null, formData: FormData) => Promise<ActionState>;
