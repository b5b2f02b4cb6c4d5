import "server-only";
import type { Tx } from "../../../db/client";
import type { PauseReason } from "@/lib/annotation/contracts";
import type { JudgingMode } from "@/lib/vocabulary";
import { goldRanks, goldStanding, matchesGold, readGold } from "@/lib/quality/gold";

export type GoldSettings = { judgingMode: JudgingMode; goldMinItems: number; goldMinAccuracy: number; goldPause: boolean };

/**
 * Called by submit in the judgment's own transaction, after a judgment of a gold prompt is stored:
 * recomputes the annotator's gold standing in the set, and when it crosses the set's threshold
 * (>= gold_min_items graded items, accuracy < gold_min_accuracy) and the set has gold_pause, pauses the
 * member (the claim then serves them nothing). `settings` are the set's, as submit already read them.
 */
export async function checkGoldAfterJudgment(tx: Tx, { promptSetId, annotatorId, settings: set }: { promptSetId: string; annotatorId: string; settings: GoldSettings }) {
  const rows = await tx.$queryRaw<{ gold: unknown; candidate_id: string; rank: number | null; judgment_id: string }[]>`
    SELECT p.gold, jc.candidate_id::text, jc.rank, j.id::text AS judgment_id
    FROM judgments j JOIN prompts p ON p.id = j.prompt_id JOIN judgment_candidates jc ON jc.judgment_id = j.id
    WHERE j.prompt_set_id = ${promptSetId}::uuid AND j.annotator_id = ${annotatorId}::uuid AND j.source = 'HUMAN' AND p.gold IS NOT NULL`;
  const byJudgment = new Map<string, { gold: unknown; candidates: { candidateId: string; rank: number | null }[] }>();
  for (const row of rows) {
    const entry = byJudgment.get(row.judgment_id) ?? { gold: row.gold, candidates: [] };
    entry.candidates.push({ candidateId: row.candidate_id, rank: row.rank });
    byJudgment.set(row.judgment_id, entry);
  }
  const results: boolean[] = [];
  for (const { gold, candidates } of byJudgment.values()) {
    const value = readGold(gold);
    const ranks = value ? goldRanks(set.judgingMode, value) : null;
    if (!(ranks instanceof Map)) continue;
    const match = matchesGold(ranks, candidates);
    if (match !== null) results.push(match);
  }
  const standing = goldStanding(results, { minItems: set.goldMinItems, minAccuracy: set.goldMinAccuracy });
  if (standing.flagged && set.goldPause) {
    const why = `Gold accuracy ${Math.round(standing.accuracy! * 100)}% over ${standing.items} gold items is below the set's minimum of ${Math.round(set.goldMinAccuracy * 100)}%.`;
    const reason: PauseReason = { key: "goldAccuracy", params: { accuracy: standing.accuracy!, items: standing.items, minimum: set.goldMinAccuracy } };
    await tx.promptSetMember.updateMany({ where: { promptSetId, userId: annotatorId, pausedAt: null }, data: { pausedAt: new Date(), pausedWhy: why, pausedReason: reason } });
  }
  return standing;
}
