import "server-only";
import { fieldMessage as m } from "@/lib/schemas/field-message";
import { z } from "zod";
import { requirePermission } from "../../auth/require";
import { canExport } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow } from "../parse";
import { displayPrefix, generateToken, hashToken } from "./internal/token-format";

const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, m("field.tokenName")).max(100, m("field.mustBeAtMostChars", { max: 100 })),
  /** Days until it expires; none when absent. */
  expiresInDays: z.coerce.number().int(m("field.mustBeWhole")).min(1, m("field.mustBeAtLeast", { min: 1 })).max(3650).optional(),
});

export type ApiTokenInfo = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null };
export const apiTokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

/** A personal API token for the export API: returned once in clear, stored as its sha256 only. */
export async function createApiToken({ actor, input }: { actor: Actor; input: unknown }): Promise<{ token: string; info: ApiTokenInfo }> {
  requirePermission(actor, canExport, "create API tokens");
  if (actor.isSystem) throw new AppError("BAD_REQUEST", { key: "apiTokens.userOnly" });
  const data = parseOrThrow(createApiTokenSchema, input);
  const token = generateToken();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const info = await getDb().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: actor.id, name: data.name, tokenHash: hashToken(token), prefix: displayPrefix(token), expiresAt },
      select: apiTokenSelect,
    });
    await recordAudit(tx, { actor, action: "api-token.create", entityType: "api-token", entityId: created.id, data: { name: created.name } });
    return created;
  });
  return { token, info };
}
