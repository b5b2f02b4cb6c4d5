import "server-only";
import type { Prisma } from "../../../db/client";

/** What may leave the server about an endpoint: never the ciphertext, at most the key's last four. */
export const publicEndpointSelect = {
  id: true,
  name: true,
  baseUrl: true,
  model: true,
  apiKeyLast4: true,
  defaults: true,
  maxConcurrency: true,
  timeoutMs: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.EndpointSelect;

export type PublicEndpoint = Prisma.EndpointGetPayload<{ select: typeof publicEndpointSelect }>;

export const last4 = (apiKey: string) => (apiKey.length > 8 ? apiKey.slice(-4) : "");
