import type { Role } from "@/lib/vocabulary";

/** What a users server action returns to its form: plain data, so it crosses the server/client boundary. */
export type UserActionState = {
  status: "ok" | "error";
  message: string;
  /** Field-level messages from the service's validation: { email: "already in use" }. */
  fields?: Record<string, string>;
  /** A generated or reset password: shown once, never stored in clear. */
  password?: string;
  /** The submitted text fields (never a password), to refill the form after an error. */
  values?: Record<string, string>;
};

/** A server action as useActionState calls it. */
export type UserAction = (previous: UserActionState | null, formData: FormData) => Promise<UserActionState>;

/** The user as the users table shows it: dates as ISO strings. */
export type UserRowData = {
  id: string;
  email: string;
  name: string;
  role: Role;
  isDisabled: boolean;
  lastSignInAt: string | null;
};
