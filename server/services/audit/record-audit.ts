import "server-only";
import type pg from "pg";
import type { Actor } from "../../authz/actor";
import type { Prisma, Tx } from "../../db/client";

type AuditEntry = {
  actor: Actor;
  /** Dotted verb: user.create, user.disable, judgment.reopen ... */
  action: string;
  entityType: string;
  entityId?: string;
  data?: Prisma.InputJsonObject;
};

/**
 * Written inside the caller's transaction, so the change and its audit row commit together: a Prisma
 * transaction client, or a node-postgres client inside `withPgTransaction` (the import path).
 */
export async function recordAudit(tx: Tx | pg.ClientBase, entry: AuditEntry): Promise<void> {
  const row = {
    // A system actor (the CLI, the first-start seed) is no user: it is named in the data instead.
    actorId: entry.actor.isSystem ? null : entry.actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    data: entry.actor.isSystem ? { ...entry.data, via: entry.actor.name } : (entry.data ?? {}),
  };
  if ("auditLog" in tx) {
    await tx.auditLog.create({ data: row });
  } else {
    await tx.query("INSERT INTO audit_log (actor_id, action, entity_type, entity_id, data) VALUES ($1, $2, $3, $4, $5)", [
      row.actorId,
      row.action,
      row.entityType,
      row.entityId,
      JSON.stringify(row.data),
    ]);
  }
}
