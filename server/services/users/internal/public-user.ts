import "server-only";
import type { Prisma } from "../../../db/client";

/** What may leave the server about a user: never the password hash or the session version. */
export const publicUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type PublicUser = Prisma.UserGetPayload<{ select: typeof publicUserSelect }>;
