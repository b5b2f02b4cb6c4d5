import "server-only";
import { z } from "zod";
import { locales, type Locale } from "@/lib/i18n/locales";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { parseOrThrow } from "../parse";

const setLocaleSchema = z.object({ locale: z.enum(locales) });

/** Saves the UI language the signed-in user chose (any role may choose their own; nobody else's). */
export async function setOwnLocale({ actor, input }: { actor: Actor; input: unknown }): Promise<Locale> {
  const { locale } = parseOrThrow(setLocaleSchema, input);
  // The system actor (npm run user) has no row: nothing to save.
  if (actor.isSystem) return locale;
  await getDb().user.update({ where: { id: actor.id }, data: { locale }, select: { id: true } });
  return locale;
}
