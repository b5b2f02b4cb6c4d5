import "server-only";
import { canViewQuality } from "@/lib/authz/permissions";
import type { SetQualityView } from "@/lib/quality/contracts";
import { goldRanks, readGold } from "@/lib/quality/gold";
import { computePackedSetQuality, OUTLIER_RULES, packGold } from "@/lib/quality/set-quality";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";
import { loadGold, loadPackedJudgments, loadSkips } from "./internal/load-judgments";

/** A prompt set's agreement, annotator statistics, gold accuracy and disagreements (admins and engineers). */
export async function getSetQuality({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<SetQualityView> {
  requirePermission(actor, canViewQuality, "read quality statistics");
  requireId(promptSetId, "prompt set");
  const started = performance.now();
  const set = await getDb().promptSet.findUnique({
    where: { id: promptSetId },
    select: {
      id: true, name: true, judgingMode: true, overlap: true, goldRate: true, goldMinItems: true, goldMinAccuracy: true, goldPause: true, overlapMax: true, adaptiveMinAgreement: true,
      members: { select: { pausedAt: true, pausedWhy: true, user: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  const [judgments, skips, goldRows] = await Promise.all([loadPackedJudgments(promptSetId), loadSkips(promptSetId), loadGold(promptSetId)]);
  const gold = new Map<string, Map<string, number | null>>();
  for (const row of goldRows) {
    const value = readGold(row.gold);
    const ranks = value ? goldRanks(set.judgingMode, value) : null;
    if (ranks instanceof Map) gold.set(row.promptId, ranks);
  }
  const promptIndex = gold.size ? new Map(judgments.promptIds.map((id, i) => [id, i])) : new Map<string, number>();
  // Candidate indexes follow id order: a binary search finds the few gold candidates.
  const packedGold = packGold(gold, (id) => promptIndex.get(id), (id) => sortedIndex(judgments.candidateIds, id));
  const quality = computePackedSetQuality({ mode: set.judgingMode, judgments, skips, gold: packedGold, goldThresholds: { minItems: set.goldMinItems, minAccuracy: set.goldMinAccuracy } });

  const people = new Map(set.members.map((member) => [member.user.id, member]));
  const unknownIds = quality.annotators.map((row) => row.annotatorId).filter((id) => !people.has(id));
  const others = unknownIds.length ? await getDb().user.findMany({ where: { id: { in: unknownIds } }, select: { id: true, name: true, email: true } }) : [];
  const names = new Map([...set.members.map((member) => [member.user.id, member.user] as const), ...others.map((user) => [user.id, user] as const)]);
  return {
    ...quality,
    promptSet: { id: set.id, name: set.name, judgingMode: set.judgingMode, overlap: set.overlap },
    settings: { goldRate: set.goldRate, goldMinItems: set.goldMinItems, goldMinAccuracy: set.goldMinAccuracy, goldPause: set.goldPause, overlapMax: set.overlapMax, adaptiveMinAgreement: set.adaptiveMinAgreement },
    goldPrompts: gold.size,
    annotators: quality.annotators.map((row) => {
      const member = people.get(row.annotatorId);
      const user = names.get(row.annotatorId);
      return { ...row, name: user?.name ?? "(removed)", email: user?.email ?? "", pausedAt: member?.pausedAt?.toISOString() ?? null, pausedWhy: member?.pausedWhy ?? null };
    }),
    outlierRules: OUTLIER_RULES,
    computedAt: new Date().toISOString(),
    computeMs: Math.round(performance.now() - started),
  };
}

function sortedIndex(sorted: readonly string[], id: string): number | undefined {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = sorted[mid]!;
    if (value === id) return mid;
    if (value < id) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}
