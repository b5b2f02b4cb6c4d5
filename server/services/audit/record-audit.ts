import "server-only";
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

/** Written inside the caller's transaction, so the change and its audit row commit together. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actor.isSystem ? null : entry.actor.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      data: entry.actor.isSystem ? { ...entry.data, via: entry.actor.name } : (entry.data ?? {}),
    },
  });
}
