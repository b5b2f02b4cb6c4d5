import "server-only";
import { withSystemMessage, type ChatMessage } from "@/lib/conversation";
import { mergeIdenticalCandidates, seededRandom, selectPair, showableCandidates, shuffled } from "@/lib/annotation/pair-selection";
import type { Db, Tx } from "../../../db/client";
import type { AnnotationItem } from "@/lib/annotation/contracts";
import type { CandidateSource, JudgeSuggestionMode, JudgingMode } from "@/lib/vocabulary";
import { judgeSuggestionFor } from "../../judges/internal/judge-suggestion";

export type ItemExtras = { showScores: boolean; judgeSuggestions: JudgeSuggestionMode };

type Lease = { id: string; promptId: string; promptSetId: string; expiresAt: Date };

type VerifierScore = { scorerName: string; passed: boolean | null; reason: string; extractedAnswer: string | null };

/**
 * What the database read for a lease (arbiter_claim_item, migration 20261130184000): the prompt's
 * messages, its candidates in (created_at, id) order with their verifier scores when the set shows them
 * (newest first per verifier), and in PAIRWISE mode the people's comparisons made before the lease
 * began, as [judgment id, candidate id] rows.
 */
export type LeasedPromptData = {
  messages: ChatMessage[];
  candidates: { id: string; content: string; source: CandidateSource; parentId: string | null; scores?: VerifierScore[] }[];
  history: [string, string][] | null;
};

/**
 * What the annotator is shown for a lease. The pair and the order are derived from the lease id and
 * from the comparisons made before the lease began, so a reload shows exactly the same screen
 * without storing it; the submission then records what was shown. Only a set that shows a model
 * judge's verdict before judging costs a query here.
 */
export async function loadItem(db: Db | Tx, lease: Lease, data: LeasedPromptData, mode: JudgingMode, defaultSystemMessage: string | null, extras: ItemExtras): Promise<AnnotationItem> {
  // Identical answers are merged first: judging two copies of one text is wasted effort (export drops it).
  const candidates = mergeIdenticalCandidates(showableCandidates(data.candidates));
  let shown: typeof candidates;
  if (mode === "PAIRWISE") {
    // People's judgments only: a model judge's verdicts cover every pair and would steer the pair choice.
    const byJudgment = new Map<string, string[]>();
    for (const [judgmentId, candidateId] of data.history ?? []) byJudgment.set(judgmentId, [...(byJudgment.get(judgmentId) ?? []), candidateId]);
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
    messages: withSystemMessage(data.messages, defaultSystemMessage),
    candidates: shown.map(({ id, content, scores }) => ({ id, content, ...(extras.showScores && scores ? { scores: newestPerVerifier(scores) } : {}) })),
  };
}

function newestPerVerifier(scores: VerifierScore[]) {
  const seen = new Set<string>();
  return scores
    .filter((score) => !seen.has(score.scorerName) && seen.add(score.scorerName))
    .map((score) => ({ verifier: score.scorerName, passed: score.passed, reason: score.reason, extractedAnswer: score.extractedAnswer }));
}
