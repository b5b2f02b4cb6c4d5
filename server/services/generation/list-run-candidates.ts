import "server-only";
import type { GeneratedCandidate } from "@/lib/generation/contracts";
import { requirePermission } from "../../auth/require";
import { canManageEndpoints } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { requireId } from "../parse";

/** The candidates a run produced, newest first, with the prompt's last user turn for context. */
export async function listRunCandidates({ actor, runId, take = 50 }: { actor: Actor; runId: string; take?: number }): Promise<GeneratedCandidate[]> {
  requirePermission(actor, canManageEndpoints, "see generated candidates");
  requireId(runId, "generation run");
  const rows = await getDb().candidate.findMany({
    where: { generationTask: { runId } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      promptId: true,
      content: true,
      model: true,
      finishReason: true,
      latencyMs: true,
      completionTokens: true,
      endpoint: { select: { name: true } },
      generationTask: { select: { sampleIndex: true } },
      prompt: { select: { messages: true } },
    },
  });
  return rows.map((row) => {
    const messages = Array.isArray(row.prompt.messages) ? (row.prompt.messages as { role?: string; content?: string }[]) : [];
    const lastUser = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
    return {
      id: row.id,
      promptId: row.promptId,
      promptText: lastUser,
      content: row.content,
      model: row.model,
      endpointName: row.endpoint?.name ?? null,
      sampleIndex: row.generationTask?.sampleIndex ?? null,
      finishReason: row.finishReason,
      latencyMs: row.latencyMs,
      completionTokens: row.completionTokens,
    };
  });
}
