import "server-only";
import { updateEndpointSchema } from "@/lib/generation/schemas";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { encryptSecret } from "../../crypto/secret-box";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { assertAllowedBaseUrl } from "./internal/allowed-base-url";
import { parseOrThrow, requireId } from "../parse";
import { encryptOrExplain } from "./internal/encrypt-api-key";
import { last4, publicEndpointSelect, type PublicEndpoint } from "./internal/public-endpoint";

/**
 * Edits an endpoint. An empty API key keeps the stored one, except when the base URL changes: then the
 * key must be entered again (or cleared), so that a stored key can never be sent to another host.
 */
export async function updateEndpoint({ actor, endpointId, input }: { actor: Actor; endpointId: string; input: unknown }): Promise<PublicEndpoint> {
  requirePermission(actor, canManageEndpoints, "manage model endpoints");
  requireId(endpointId, "endpoint");
  const data = parseOrThrow(updateEndpointSchema, input);
  assertAllowedBaseUrl(data.baseUrl);
  try {
    return await getDb().$transaction(async (tx) => {
      const current = await tx.endpoint.findUnique({ where: { id: endpointId }, select: { baseUrl: true, apiKeyCiphertext: true } });
      if (!current) throw new AppError("NOT_FOUND", { key: "notFound.endpoint" });
      const baseUrlChanged = current.baseUrl !== data.baseUrl;
      if (baseUrlChanged && current.apiKeyCiphertext && !data.apiKey && !data.clearApiKey) {
        throw new AppError("BAD_REQUEST", { key: "endpoints.reenterKey" }, { apiKey: { key: "field.reenterKey" } });
      }
      const key = data.apiKey
        ? { apiKeyCiphertext: encryptOrExplain(() => encryptSecret(data.apiKey!)), apiKeyLast4: last4(data.apiKey) }
        : data.clearApiKey || baseUrlChanged
          ? { apiKeyCiphertext: null, apiKeyLast4: null }
          : {};
      const endpoint = await tx.endpoint.update({
        where: { id: endpointId },
        data: { name: data.name, baseUrl: data.baseUrl, model: data.model, defaults: data.defaults, maxConcurrency: data.maxConcurrency, timeoutMs: data.timeoutMs, ...key },
        select: publicEndpointSelect,
      });
      await recordAudit(tx, {
        actor,
        action: "endpoint.update",
        entityType: "endpoint",
        entityId: endpoint.id,
        data: { name: endpoint.name, baseUrl: endpoint.baseUrl, model: endpoint.model, apiKeyChanged: "apiKeyCiphertext" in key },
      });
      return endpoint;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", { key: "endpoints.nameTaken", params: { name: data.name } }, { name: { key: "field.alreadyInUse" } });
    throw error;
  }
}
