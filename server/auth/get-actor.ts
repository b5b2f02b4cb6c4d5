import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { isLocale } from "@/lib/i18n/locales";
import type { Actor } from "../authz/actor";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { noteRequestUser } from "../observability/request-context";
import { authOptions } from "./options";

type SessionIds = { user?: { id?: string; sv?: number } };

/**
 * The signed-in user as the database has them now, or null. Role and status are never taken from the
 * token: a disabled user, a reset password or a changed role ends the session on the next request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as SessionIds | null;
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getDb().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true, locale: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== session.user?.sv) return null;
  noteRequestUser(user.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: isLocale(user.locale) ? user.locale : null };
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", { key: "auth.signInFirst" });
  return actor;
}
