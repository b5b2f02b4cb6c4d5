import "server-only";
import type { ChatMessage } from "@/lib/conversation";
import { requirePermission } from "../../auth/require";
import { canSettleJudgments } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import type { JudgmentSource } from "@/lib/vocabulary";
import { AppError } from "../../errors";
import { requireId } from "../parse";
import type { JudgingMode } from "@/lib/vocabulary";

export type PromptReview = {
  promptId: string;
  promptSet: { id: string; name: string; mode: JudgingMode; overlap: number };
  messages: ChatMessage[];
  /** Admins see provenance: source and model. */
  candidates: { id: string; content: string; source: string; model: string | null; parentId: string | null; authorName: string | null }[];
  judgments: {
    id: string;
    /** Null for a label imported with the file. */
    annotator: { id: string; name: string; email: string } | null;
    source: JudgmentSource;
    outcome: string;
    rationale: string | null;
    flags: string[];
    rewriteCandidateId: string | null;
    createdAt: string;
    shown: { candidateId: string; position: number; rank: number | null }[];
  }[];
  leases: { annotatorName: string; status: string; expiresAt: string; skipReason: string | null }[];
};

/** Everything about one prompt's judging, for an admin: every judgment, with who made it. */
export async function getPromptReview({ actor, promptId }: { actor: Actor; promptId: string }): Promise<PromptReview> {
  requirePermission(actor, canSettleJudgments, "review judgments");
  requireId(promptId, "prompt");
  const prompt = await getDb().prompt.findUnique({
    where: { id: promptId },
    select: {
      id: true,
      messages: true,
      promptSet: { select: { id: true, name: true, judgingMode: true, overlap: true } },
      candidates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, content: true, source: true, model: true, parentId: true, author: { select: { name: true } } } },
      judgments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          outcome: true,
          rationale: true,
          flags: true,
          source: true,
          rewriteCandidateId: true,
          createdAt: true,
          annotator: { select: { id: true, name: true, email: true } },
          candidates: { orderBy: { position: "asc" }, select: { candidateId: true, position: true, rank: true } },
        },
      },
      assignments: { orderBy: { leasedAt: "desc" }, take: 50, select: { status: true, expiresAt: true, skipReason: true, annotator: { select: { name: true } } } },
    },
  });
  if (!prompt) throw new AppError("NOT_FOUND", { key: "annotation.noSuchPrompt" });
  return {
    promptId: prompt.id,
    promptSet: { id: prompt.promptSet.id, name: prompt.promptSet.name, mode: prompt.promptSet.judgingMode, overlap: prompt.promptSet.overlap },
    messages: prompt.messages as ChatMessage[],
    candidates: prompt.candidates.map(({ author, ...candidate }) => ({ ...candidate, authorName: author?.name ?? null })),
    judgments: prompt.judgments.map(({ candidates, createdAt, ...judgment }) => ({ ...judgment, createdAt: createdAt.toISOString(), shown: candidates })),
    leases: prompt.assignments.map((lease) => ({ annotatorName: lease.annotator.name, status: lease.status, expiresAt: lease.expiresAt.toISOString(), skipReason: lease.skipReason })),
  };
}
