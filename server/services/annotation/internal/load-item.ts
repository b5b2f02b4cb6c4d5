import "server-only";
import { withSystemMessage, type ChatMessage } from "@/lib/conversation";
import { seededRandom, selectPair, showableCandidates, shuffled } from "@/lib/annotation/pair-selection";
import type { Db, Tx } from "../../../db/client";
import type { AnnotationItem } from "@/lib/annotation/contracts";
import type { JudgingMode } from "@/lib/vocabulary";

type LeaseRow = { id: string; promptId: string; promptSetId: string; leasedAt: Date; expiresAt: Date };

/**
 * What the annotator is shown for a lease. The pair and the order are derived from the lease id and
 * from the comparisons made before the lease began, so a reload shows exactly the same screen
 * without storing it; the submission then records what was shown.
 */
export async function loadItem(db: Db | Tx, lease: LeaseRow, mode: JudgingMode, defaultSystemMessage: string | null): Promise<AnnotationItem> {
  const prompt = await db.prompt.findUniqueOrThrow({
    where: { id: lease.promptId },
    select: {
      messages: true,
      candidates: { select: { id: true, content: true, source: true, parentId: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  const candidates = showableCandidates(prompt.candidates);
  let shown: typeof candidates;
  if (mode === "PAIRWISE") {
    const history = await db.judgmentCandidate.findMany({
      where: { judgment: { promptId: lease.promptId, createdAt: { lt: lease.leasedAt } } },
      select: { judgmentId: true, candidateId: true },
    });
    const byJudgment = new Map<string, string[]>();
    for (const row of history) byJudgment.set(row.judgmentId, [...(byJudgment.get(row.judgmentId) ?? []), row.candidateId]);
    const pair = selectPair(candidates, [...byJudgment.values()], seededRandom(`${lease.id}:pair`));
    shown = shuffled(pair ?? [], seededRandom(`${lease.id}:order`));
  } else {
    shown = shuffled(candidates, seededRandom(`${lease.id}:order`));
  }
  return {
    assignmentId: lease.id,
    promptId: lease.promptId,
    promptSetId: lease.promptSetId,
    expiresAt: lease.expiresAt.toISOString(),
    messages: withSystemMessage(prompt.messages as ChatMessage[], defaultSystemMessage),
    candidates: shown.map(({ id, content }) => ({ id, content })),
  };
}
