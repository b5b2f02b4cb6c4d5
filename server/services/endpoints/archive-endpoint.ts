import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { requireId } from "../parse";

/**
 * Archives an endpoint (hidden from new runs; its candidates keep their provenance) and forgets its
 * API key. Endpoints are archived rather than deleted because runs and tasks refer to them.
 */
export async function archiveEndpoint({ actor, endpointId }: { actor: Actor; endpointId: string }): Promise<void> {
  requirePermission(actor, canManageEndpoints, "manage model endpoints");
  requireId(endpointId, "endpoint");
  await getDb().$transaction(async (tx) => {
    const archived = await tx.endpoint.updateMany({ where: { id: endpointId, archivedAt: null }, data: { archivedAt: new Date(), apiKeyCiphertext: null, apiKeyLast4: null } });
    if (archived.count === 0) throw new AppError("NOT_FOUND", { key: "notFound.endpointOrArchived" });
    await recordAudit(tx, { actor, action: "endpoint.archive", entityType: "endpoint", entityId: endpointId });
  });
}
