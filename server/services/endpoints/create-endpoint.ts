import "server-only";
import { createEndpointSchema } from "@/lib/generation/schemas";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { encryptSecret } from "../../crypto/secret-box";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { assertAllowedBaseUrl } from "./internal/allowed-base-url";
import { parseOrThrow } from "../parse";
import { encryptOrExplain } from "./internal/encrypt-api-key";
import { last4, publicEndpointSelect, type PublicEndpoint } from "./internal/public-endpoint";

/** Registers an OpenAI-compatible endpoint; its API key is stored encrypted (AES-256-GCM) only. */
export async function createEndpoint({ actor, input }: { actor: Actor; input: unknown }): Promise<PublicEndpoint> {
  requirePermission(actor, canManageEndpoints, "manage model endpoints");
  const data = parseOrThrow(createEndpointSchema, input);
  assertAllowedBaseUrl(data.baseUrl);
  const apiKeyCiphertext = data.apiKey ? encryptOrExplain(() => encryptSecret(data.apiKey!)) : null;
  try {
    return await getDb().$transaction(async (tx) => {
      const endpoint = await tx.endpoint.create({
        data: {
          name: data.name,
          baseUrl: data.baseUrl,
          model: data.model,
          apiKeyCiphertext,
          apiKeyLast4: data.apiKey ? last4(data.apiKey) : null,
          defaults: data.defaults,
          maxConcurrency: data.maxConcurrency,
          timeoutMs: data.timeoutMs,
          createdById: actor.isSystem ? null : actor.id,
        },
        select: publicEndpointSelect,
      });
      await recordAudit(tx, { actor, action: "endpoint.create", entityType: "endpoint", entityId: endpoint.id, data: { name: endpoint.name, baseUrl: endpoint.baseUrl, model: endpoint.model, hasApiKey: Boolean(data.apiKey) } });
      return endpoint;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", { key: "endpoints.nameTaken", params: { name: data.name } }, { name: { key: "field.alreadyInUse" } });
    throw error;
  }
}
