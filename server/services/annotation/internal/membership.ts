import "server-only";
import type { Actor } from "../../../authz/actor";
import type { Db, Tx } from "../../../db/client";
import { AppError } from "../../../errors";
import { readPauseReason, type AnnotationPause, type AnnotationSetup } from "@/lib/annotation/contracts";
import type { JudgeSuggestionMode } from "@/lib/vocabulary";

export type ItemExtras = { showScores: boolean; judgeSuggestions: JudgeSuggestionMode };

export type MemberPromptSet = AnnotationSetup & {
  overlap: number;
  leaseMinutes: number;
  defaultSystemMessage: string | null;
  /** The share of new claims that serve a gold prompt (prompt_sets.gold_rate). */
  goldRate: number;
  /** What the item shows besides the answers: the verifiers' results, a model judge's verdict. */
  itemExtras: ItemExtras;
  /** Set when the actor is paused in this set (gold accuracy below the threshold, or an admin): no new items. */
  paused: AnnotationPause | null;
};

/**
 * The prompt set if the actor is a member of it (admins too: they annotate only where they are
 * members). A set the actor does not belong to is "not found", so its existence does not leak.
 */
export async function requireMemberPromptSet(db: Db | Tx, actor: Actor, promptSetId: string): Promise<MemberPromptSet> {
  const set = await db.promptSet.findFirst({
    where: { id: promptSetId, archivedAt: null, members: { some: { userId: actor.id } } },
    select: {
      id: true,
      name: true,
      guidelines: true,
      judgingMode: true,
      rationaleMode: true,
      flagsEnabled: true,
      editsEnabled: true,
      isDemo: true,
      overlap: true,
      leaseMinutes: true,
      defaultSystemMessage: true,
      goldRate: true,
      showScoresToAnnotators: true,
      judgeSuggestions: true,
      members: { where: { userId: actor.id }, select: { pausedAt: true, pausedWhy: true, pausedReason: true } },
    },
  });
  if (!set) throw new AppError("NOT_FOUND", { key: "annotation.noSuchSetOrNotMember" });
  return {
    promptSetId: set.id,
    name: set.name,
    guidelines: set.guidelines,
    mode: set.judgingMode,
    rationaleMode: set.rationaleMode,
    flagsEnabled: set.flagsEnabled,
    editsEnabled: set.editsEnabled,
    isDemo: set.isDemo,
    overlap: set.overlap,
    leaseMinutes: set.leaseMinutes,
    defaultSystemMessage: set.defaultSystemMessage,
    goldRate: set.goldRate,
    itemExtras: { showScores: set.showScoresToAnnotators, judgeSuggestions: set.judgeSuggestions },
    paused: pauseOf(set.members[0]),
  };
}

function pauseOf(member: { pausedAt: Date | null; pausedWhy: string | null; pausedReason: unknown } | undefined): AnnotationPause | null {
  if (!member?.pausedAt) return null;
  return { since: member.pausedAt.toISOString(), why: member.pausedWhy ?? "An admin paused your work in this prompt set.", reason: readPauseReason(member.pausedReason) };
}
