import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import type { PermissionAction } from "@/lib/i18n/catalogues";
import { getDb, type Tx } from "../../db/client";
import { AppError } from "../../errors";
import { finishRunIfDone } from "../../generation/task-queue";
import { recordAudit } from "../audit/record-audit";
import { requireId } from "../parse";

/** Shared by cancel, resume and retry-failed: permission, id, the run's row locked for the change, audit. */
export async function changeRun(
  { actor, runId }: { actor: Actor; runId: string },
  what: PermissionAction,
  action: string,
  change: (tx: Tx, run: { id: string; status: string }) => Promise<number>,
): Promise<{ affected: number }> {
  requirePermission(actor, canManageEndpoints, what);
  requireId(runId, "generation run");
  const affected = await getDb().$transaction(async (tx) => {
    const [run] = await tx.$queryRaw<{ id: string; status: string }[]>`SELECT id::text, status::text FROM generation_runs WHERE id = ${runId}::uuid FOR UPDATE`;
    if (!run) throw new AppError("NOT_FOUND", { key: "generation.noSuchRun" });
    const count = await change(tx, run);
    await recordAudit(tx, { actor, action, entityType: "generation_run", entityId: runId, data: { tasks: count } });
    return count;
  });
  await finishRunIfDone(runId);
  return { affected };
}
