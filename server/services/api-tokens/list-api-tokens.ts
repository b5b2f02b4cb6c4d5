import "server-only";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { apiTokenSelect, type ApiTokenInfo } from "./create-api-token";

/** The actor's own tokens, newest first (never anyone else's, never a hash). */
export async function listApiTokens({ actor }: { actor: Actor }): Promise<ApiTokenInfo[]> {
  requirePermission(actor, canExport, "use API tokens");
  return getDb().apiToken.findMany({ where: { userId: actor.id }, select: apiTokenSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}
