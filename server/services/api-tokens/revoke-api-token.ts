import "server-only";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { requireId } from "../parse";

/** Revokes one of the actor's own tokens at once; revoking twice is a no-op. */
export async function revokeApiToken({ actor, tokenId }: { actor: Actor; tokenId: string }): Promise<void> {
  requirePermission(actor, canExport, "use API tokens");
  const id = requireId(tokenId, "API token");
  await getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: actor.id }, select: { id: true, revokedAt: true } });
    if (!token) throw new AppError("NOT_FOUND", { key: "notFound.apiToken" });
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor, action: "api-token.revoke", entityType: "api-token", entityId: id });
  });
}
