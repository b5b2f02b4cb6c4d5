import { createHash, randomUUID } from "node:crypto";
import type { ChatMessage } from "../../lib/conversation";
import { conversationHash } from "../../lib/conversation-hash";
import { getDb } from "../../server/db/client";
import type { CandidateSource, JudgmentFlag, JudgmentOutcome, JudgmentSource } from "../../server/db/client";

/**
 * Judged data for export tests, written straight through Prisma (the annotation workspace is built
 * elsewhere; these rows are what it stores: judgments with JudgmentCandidate ranks and positions,
 * rewrites as HUMAN_REWRITE candidates linked from the judgment).
 */

export async function makePromptSet({ name = `set-${randomUUID().slice(0, 8)}`, defaultSystemMessage = null as string | null } = {}) {
  return getDb().promptSet.create({ data: { name, defaultSystemMessage } });
}

export async function makePrompt(promptSetId: string, messages: ChatMessage[], { referenceAnswer = null as string | null } = {}) {
  return getDb().prompt.create({ data: { promptSetId, messages, referenceAnswer, contentHash: conversationHash(messages) } });
}

type CandidateOptions = { source?: CandidateSource; model?: string | null; parentId?: string | null; authorId?: string | null; createdAt?: Date };

export async function makeCandidate(promptId: string, content: string, { source = "GENERATED", model, parentId = null, authorId = null, createdAt }: CandidateOptions = {}) {
  return getDb().candidate.create({
    data: { promptId, content, source, model: model === undefined ? (source === "GENERATED" ? "test-model" : null) : model, parentId, authorId, ...(createdAt ? { createdAt } : {}) },
  });
}

export type RankSpec = { candidateId: string; rank: number | null };

/**
 * One judgment: `ranks` in shown order (position = index). A rewrite, when given, is stored as a
 * HUMAN_REWRITE candidate of `rewrite.parentId` and linked from the judgment, in one transaction.
 */
export async function makeJudgment(
  prompt: { id: string; promptSetId: string },
  annotatorId: string | null,
  { outcome, ranks, rewrite, flags = [], createdAt, source = "HUMAN" }: {
    outcome: JudgmentOutcome;
    ranks: RankSpec[];
    rewrite?: { parentId: string; content: string };
    flags?: JudgmentFlag[];
    createdAt?: Date;
    source?: JudgmentSource;
  },
) {
  return getDb().$transaction(async (tx) => {
    const rewriteCandidate = rewrite
      ? await tx.candidate.create({ data: { promptId: prompt.id, content: rewrite.content, source: "HUMAN_REWRITE", parentId: rewrite.parentId, authorId: annotatorId } })
      : null;
    // A HUMAN judgment fills one of the prompt's slots: keep the claim's bookkeeping (prompts.open_slots) true.
    if (source === "HUMAN") {
      await tx.$executeRaw`
        UPDATE prompts p SET open_slots = coalesce(p.open_slots, s.overlap + p.extra_slots) - 1
        FROM prompt_sets s WHERE s.id = p.prompt_set_id AND p.id = ${prompt.id}::uuid`;
    }
    return tx.judgment.create({
      data: {
        promptId: prompt.id,
        promptSetId: prompt.promptSetId,
        annotatorId,
        idempotencyKey: randomUUID(),
        mode: ranks.length > 2 ? "RANKING" : "PAIRWISE",
        outcome,
        flags,
        source,
        rewriteCandidateId: rewriteCandidate?.id ?? null,
        ...(createdAt ? { createdAt } : {}),
        candidates: { create: ranks.map((rank, position) => ({ candidateId: rank.candidateId, rank: rank.rank, position })) },
      },
    });
  });
}

/** "a beats b" as a pairwise judgment, a shown left. */
export async function judgePair(prompt: { id: string; promptSetId: string }, annotatorId: string, better: string, worse: string, { leftFirst = true } = {}) {
  const ranks = [
    { candidateId: better, rank: 1 },
    { candidateId: worse, rank: 2 },
  ];
  return makeJudgment(prompt, annotatorId, { outcome: "PREFERENCE", ranks: leftFirst ? ranks : ranks.reverse() });
}

export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
