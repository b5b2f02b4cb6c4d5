import { randomBytes, randomUUID } from "node:crypto";
import type { ChatMessage } from "../../lib/conversation";
import { conversationHash } from "../../lib/conversation-hash";
import type { CreateEndpointInput } from "../../lib/generation/schemas";
import { systemActor } from "../../server/authz/actor";
import { getDb } from "../../server/db/client";
import { createEndpoint } from "../../server/services/endpoints/create-endpoint";

/** Endpoint API keys need a key to be encrypted with; tests make one per process unless given. */
export function ensureTestEncryptionKey(): void {
  process.env.ARBITER_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
}

/** A prompt set with `count` single-turn prompts ("Question 0 ..." ...), written directly (the import path is tested on its own). */
export async function makePromptSetWithPrompts(count: number, { label = "gen" } = {}): Promise<{ id: string; name: string; promptIds: string[] }> {
  const name = `${label} ${randomUUID().slice(0, 8)}`;
  const set = await getDb().promptSet.create({ data: { name }, select: { id: true } });
  const rows = Array.from({ length: count }, (_, i) => {
    const messages: ChatMessage[] = [{ role: "user", content: `Question ${i} of ${name}` }];
    return { promptSetId: set.id, messages, contentHash: conversationHash(messages) };
  });
  await getDb().prompt.createMany({ data: rows });
  const prompts = await getDb().prompt.findMany({ where: { promptSetId: set.id }, select: { id: true }, orderBy: { createdAt: "asc" } });
  return { id: set.id, name, promptIds: prompts.map((p) => p.id) };
}

/** An endpoint pointing at a (fake) server, made through the real service. */
export async function makeEndpoint(baseUrl: string, input: Partial<CreateEndpointInput> = {}): Promise<{ id: string; name: string; model: string }> {
  ensureTestEncryptionKey();
  const endpoint = await createEndpoint({
    actor: systemActor("test factory"),
    input: { name: `endpoint ${randomUUID().slice(0, 8)}`, baseUrl, model: `model-${randomUUID().slice(0, 6)}`, maxConcurrency: 4, timeoutMs: 5_000, ...input },
  });
  return { id: endpoint.id, name: endpoint.name, model: endpoint.model };
}
