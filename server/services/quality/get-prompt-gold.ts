import "server-only";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { readGold, type Gold } from "@/lib/quality/gold";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";

/** A prompt's gold verdict, or null (admins: the review page shows and edits it). */
export async function getPromptGold({ actor, promptId }: { actor: Actor; promptId: string }): Promise<Gold | null> {
  requirePermission(actor, canManagePromptSets, "read gold verdicts");
  requireId(promptId, "prompt");
  const prompt = await getDb().prompt.findUnique({ where: { id: promptId }, select: { gold: true } });
  if (!prompt) throw new AppError("NOT_FOUND", { key: "notFound.prompt" });
  return readGold(prompt.gold);
}
