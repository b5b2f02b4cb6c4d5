import "server-only";
import type { ConnectionTest } from "@/lib/endpoints/contracts";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { listModels, ModelCallError } from "../../generation/model-client";
import { requireId } from "../parse";
import { endpointTarget } from "./internal/endpoint-target";

/** Lists the server's models, or says in plain words why it could not (the server's own message, never the key). */
export async function testEndpointConnection({ actor, endpointId }: { actor: Actor; endpointId: string }): Promise<ConnectionTest> {
  requirePermission(actor, canManageEndpoints, "test model endpoints");
  requireId(endpointId, "endpoint");
  const endpoint = await getDb().endpoint.findUnique({ where: { id: endpointId }, select: { baseUrl: true, apiKeyCiphertext: true, timeoutMs: true, model: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", { key: "notFound.endpoint" });
  // A connection test should answer quickly even when generation may wait long.
  const target = { ...endpointTarget(endpoint), timeoutMs: Math.min(endpoint.timeoutMs, 15_000) };
  try {
    const models = await listModels(target);
    return { ok: true, models, hasConfiguredModel: models.includes(endpoint.model) };
  } catch (error) {
    if (error instanceof ModelCallError) return { ok: false, error: explain(error) };
    throw error;
  }
}

function explain(error: ModelCallError): string {
  if (error.status === 401 || error.status === 403) return `The server refused the API key (${error.message}).`;
  if (error.status === 404) return `The server has no /models at this base URL; check that it ends in /v1 (${error.message}).`;
  return error.message;
}
