import "server-only";
import type { Tx } from "../../../db/client";
import { AppError } from "../../../errors";
import { requireId } from "../../parse";

/**
 * Locks the set's row for the rest of the transaction (imports, rule applications and edits of one set
 * then take turns) and refuses archived sets for changes.
 */
export async function lockPromptSet(tx: Tx, promptSetId: string, { allowArchived = false } = {}): Promise<{ id: string; name: string; archivedAt: Date | null }> {
  requireId(promptSetId, "prompt set");
  const [row] = await tx.$queryRaw<{ id: string; name: string; archived_at: Date | null }[]>`
    SELECT id::text, name, archived_at FROM prompt_sets WHERE id = ${promptSetId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", { key: "promptSets.noSuchSet" });
  if (row.archived_at && !allowArchived) throw new AppError("CONFLICT", { key: "promptSets.archived", params: { name: row.name } });
  return { id: row.id, name: row.name, archivedAt: row.archived_at };
}
