import type { Role } from "@/lib/vocabulary";
import type { ActionState, FormAction } from "@/lib/forms/action-state";

/** What a users server action returns to its form; `values` never holds a password. */
export type UserActionState = ActionState<{
  /** A generated or reset password: shown once, never stored in clear. */
  password?: string;
}>;

export type UserAction = FormAction<UserActionState>;

/** The user as the users table shows it: dates as ISO strings. */
export type UserRowData = {
  id: string;
  email: string;
  name: string;
  role: Role;
  isDisabled: boolean;
  lastSignInAt: string | null;
};
