import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import type { Role } from "@/lib/vocabulary";

/**
 * Who is acting: re-read from the database on every request (server/auth/get-actor.ts). What a role may
 * do is decided by the pure predicates of lib/authz/permissions.ts.
 */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The UI language they saved (null: their browser's); only the pages use it, never an authorization. */
  locale?: Locale | null;
  /** The operator at the server's shell (npm run user): no account, audited as such. */
  isSystem?: true;
};

export const systemActor = (via: string): Actor => ({ id: "00000000-0000-0000-0000-000000000000", email: "", name: via, role: "ADMIN", isSystem: true });
