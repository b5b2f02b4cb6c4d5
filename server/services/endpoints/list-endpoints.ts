import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { publicEndpointSelect, type PublicEndpoint } from "./internal/public-endpoint";

export async function listEndpoints({ actor, includeArchived = false }: { actor: Actor; includeArchived?: boolean }): Promise<PublicEndpoint[]> {
  requirePermission(actor, canManageEndpoints, "see model endpoints");
  return getDb().endpoint.findMany({ where: includeArchived ? {} : { archivedAt: null }, select: publicEndpointSelect, orderBy: { name: "asc" } });
}
