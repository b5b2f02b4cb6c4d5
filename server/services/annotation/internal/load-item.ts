import "server-only";
import { withSystemMessage, type ChatMessage } from "@/lib/conversation";
import { mergeIdenticalCandidates, seededRandom, selectPair, showableCandidates, shuffled } from "@/lib/annotation/pair-selection";
import type { Db, Tx } from "../../../db/client";
import type { AnnotationItem } from "@/lib/annotation/contracts";
import type { JudgingMode } from "@/lib/vocabulary";
import { judgeSuggestionFor } from "../../judges/internal/judge-suggestion";
import type { ItemExtras } from "./membership";

type LeaseRow = { id: string; promptId: string; promptSetId: string; leasedAt: Date; expiresAt: Date };

/**
 * What the annotator is shown for a lease. The pair and the order are derived from the lease id and
 * from the comparisons made before the lease began, so a reload shows exactly the same screen
 * without storing it; the submission then records what was shown.
 */
export async function loadItem(db: Db | Tx, lease: LeaseRow, mode: JudgingMode, defaultSystemMessage: string | null, extras: ItemExtras): Promise<AnnotationItem> {
  const prompt = await db.prompt.findUniqueOrThrow({
    where: { id: lease.promptId },
    select: {
      messages: true,
      candidates: {
        select: {
          id: true,
          content: true,
          source: true,
          parentId: true,
          // Newest first per verifier; read only when the set shows results to annotators.
          scores: extras.showScores
            ? { where: { scorerKind: "VERIFIER" }, orderBy: [{ scorerName: "asc" }, { createdAt: "desc" }], select: { scorerName: true, passed: true, reason: true, extractedAnswer: true } }
            : false,
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
  });
  // Identical answers are merged first: judging two copies of one text is wasted effort (export drops it).
  const candidates = mergeIdenticalCandidates(showableCandidates(prompt.candidates));
  let shown: typeof candidates;
  if (mode === "PAIRWISE") {
    const history = await db.judgmentCandidate.findMany({
      // People's judgments only: a model judge's verdicts cover every pair and would steer the pair choice.
      where: { judgment: { promptId: lease.promptId, source: { not: "MODEL_JUDGE" }, createdAt: { lt: lease.leasedAt } } },
      select: { judgmentId: true, candidateId: true },
    });
    const byJudgment = new Map<string, string[]>();
    for (const row of history) byJudgment.set(row.judgmentId, [...(byJudgment.get(row.judgmentId) ?? []), row.candidateId]);
    const pair = selectPair(candidates, [...byJudgment.values()], seededRandom(`${lease.id}:pair`));
    shown = shuffled(pair ?? [], seededRandom(`${lease.id}:order`));
  } else {
    shown = shuffled(candidates, seededRandom(`${lease.id}:order`));
  }
  const suggestion = mode === "PAIRWISE" && extras.judgeSuggestions === "BEFORE" ? await judgeSuggestionFor(db, lease.promptId, shown.map((c) => c.id)) : null;
  return {
    ...(suggestion ? { judgeSuggestion: suggestion } : {}),
    assignmentId: lease.id,
    promptId: lease.promptId,
    promptSetId: lease.promptSetId,
    expiresAt: lease.expiresAt.toISOString(),
    messages: withSystemMessage(prompt.messages as ChatMessage[], defaultSystemMessage),
    candidates: shown.map(({ id, content, scores }) => ({ id, content, ...(scores ? { scores: newestPerVerifier(scores) } : {}) })),
  };
}

function newestPerVerifier(scores: { scorerName: string; passed: boolean | null; reason: string; extractedAnswer: string | null }[]) {
  const seen = new Set<string>();
  return scores
    .filter((score) => !seen.has(score.scorerName) && seen.add(score.scorerName))
    .map((score) => ({ verifier: score.scorerName, passed: score.passed, reason: score.reason, extractedAnswer: score.extractedAnswer }));
}
