import "server-only";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { hashToken, TOKEN_PREFIX } from "./internal/token-format";

/**
 * The user a bearer token stands for, re-read now: null when the token is unknown, revoked or expired,
 * or its user is disabled (a disabled user's tokens stop working at once, like their sessions).
 */
export async function resolveApiToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await getDb().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabledAt) return null;
  // At most one write a minute per token, so polling clients do not turn every read into a write.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await getDb().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { id, email, name, role } = row.user;
  return { id, email, name, role };
}
