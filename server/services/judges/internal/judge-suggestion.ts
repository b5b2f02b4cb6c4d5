import "server-only";
import type { JudgeSuggestion } from "@/lib/annotation/contracts";
import type { Db, Tx } from "../../../db/client";

/**
 * The newest model-judge verdict on exactly this pair of candidates, for the annotation workspace's
 * suggestion: the preferred candidate, or null for a tie (an order-inconsistent verdict is a tie).
 */
export async function judgeSuggestionFor(db: Db | Tx, promptId: string, candidateIds: readonly string[]): Promise<JudgeSuggestion | null> {
  if (candidateIds.length !== 2) return null;
  const verdicts = await db.judgment.findMany({
    where: { promptId, source: "MODEL_JUDGE", AND: candidateIds.map((candidateId) => ({ candidates: { some: { candidateId } } })) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { outcome: true, orderConsistent: true, judgeModel: true, candidates: { select: { candidateId: true, rank: true } } },
  });
  const verdict = verdicts[0];
  if (!verdict) return null;
  const preferred = verdict.outcome === "PREFERENCE" ? (verdict.candidates.find((c) => c.rank === 1)?.candidateId ?? null) : null;
  return { preferredCandidateId: preferred, orderConsistent: verdict.orderConsistent ?? true, model: verdict.judgeModel ?? "model judge" };
}
