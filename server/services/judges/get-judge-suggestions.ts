import "server-only";
import type { JudgeSuggestionMode } from "@/lib/vocabulary";
import { canViewPromptSets } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";

/** The set's judge-suggestion setting (hidden, after submit, before). */
export async function getJudgeSuggestions({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<JudgeSuggestionMode> {
  requirePermission(actor, canViewPromptSets, "read judge settings");
  requireId(promptSetId, "prompt set");
  const set = await getDb().promptSet.findUnique({ where: { id: promptSetId }, select: { judgeSuggestions: true } });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  return set.judgeSuggestions;
}
