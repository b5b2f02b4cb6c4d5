import "server-only";
import type { ConnectionTest } from "@/lib/endpoints/contracts";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { listModels, ModelCallError, pingChatCompletion, type ModelTarget } from "../../generation/model-client";
import { requireId } from "../parse";
import { endpointTarget } from "./internal/endpoint-target";

/**
 * Asks the endpoint's model for one token with the endpoint's key, as generation will, so that a
 * refused key or a model the server does not serve shows here rather than at generation time. On
 * success (or a refusal that may be the model's name) it also reads the server's model list, when the
 * server has one. Says why in plain words (the server's own message, never the key).
 */
export async function testEndpointConnection({ actor, endpointId }: { actor: Actor; endpointId: string }): Promise<ConnectionTest> {
  requirePermission(actor, canManageEndpoints, "test model endpoints");
  requireId(endpointId, "endpoint");
  const endpoint = await getDb().endpoint.findUnique({ where: { id: endpointId }, select: { baseUrl: true, apiKeyCiphertext: true, timeoutMs: true, model: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", { key: "notFound.endpoint" });
  // A connection test should answer quickly even when generation may wait long.
  const target = { ...endpointTarget(endpoint), timeoutMs: Math.min(endpoint.timeoutMs, 15_000) };
  const model = endpoint.model;
  try {
    const answer = await pingChatCompletion(target, model);
    const models = await modelsOrNull(target);
    return { ok: true, model: answer.model, latencyMs: answer.latencyMs, models, hasConfiguredModel: models === null || models.includes(model) };
  } catch (error) {
    if (!(error instanceof ModelCallError)) throw error;
    const detail = error.message;
    if (error.status === 401 || error.status === 403) return { ok: false, problem: "key", model, detail };
    // A wrong model name: OpenAI, vLLM and Ollama say 404, others 400 or 422; the model list tells it apart.
    if (error.status === 400 || error.status === 404 || error.status === 422) {
      const models = await modelsOrNull(target);
      if (models && !models.includes(model)) return { ok: false, problem: "unknownModel", model, detail, models };
      if (error.status === 404 && models === null) return { ok: false, problem: "noRoute", model, detail };
    }
    return { ok: false, problem: "other", model, detail };
  }
}

/** The server's model ids, or null when it has no usable /models (some proxies and servers do not). */
async function modelsOrNull(target: ModelTarget): Promise<string[] | null> {
  try {
    return await listModels(target);
  } catch (error) {
    if (error instanceof ModelCallError) return null;
    throw error;
  }
}
