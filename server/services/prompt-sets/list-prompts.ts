import "server-only";
import type { ChatMessage } from "@/lib/conversation";
import { listPromptsSchema } from "@/lib/schemas/prompt-set";
import { requirePermission } from "../../auth/require";
import { canViewPromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma, type CandidateSource } from "../../db/client";
import { AppError } from "../../errors";
import { parseOrThrow, requireId } from "../parse";

export type PromptCandidate = {
  id: string;
  content: string;
  source: CandidateSource;
  model: string | null;
  parentId: string | null;
  rewriteRuleId: string | null;
  finishReason: string | null;
  /** For imported preference pairs: "chosen" or "rejected". */
  importedLabel: string | null;
};

export type PromptWithCandidates = {
  id: string;
  externalId: string | null;
  messages: ChatMessage[];
  referenceAnswer: string | null;
  candidates: PromptCandidate[];
};

export type PromptPage = { prompts: PromptWithCandidates[]; total: number; page: number; pageSize: number; pageCount: number; q: string };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** One page of a set's prompts in import order, each with its candidates; `q` searches the conversation text and external id. */
export async function listPrompts({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<PromptPage> {
  requirePermission(actor, canViewPromptSets, "see prompt sets");
  requireId(promptSetId, "prompt set");
  const { page, pageSize, q } = parseOrThrow(listPromptsSchema, input);
  const db = getDb();
  if (!(await db.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true } }))) throw new AppError("NOT_FOUND", { key: "promptSets.noSuchSet" });

  // Searching the JSON's text finds words in any turn; ILIKE on a page of a large set is acceptable
  // for an admin's search box (a trigram index can come when sets reach millions).
  const pattern = `%${escapeLike(q)}%`;
  const filter = q === "" ? Prisma.empty : Prisma.sql`AND (messages::text ILIKE ${pattern} OR external_id ILIKE ${pattern})`;
  const [[count], rows] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM prompts WHERE prompt_set_id = ${promptSetId}::uuid ${filter}`,
    db.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM prompts WHERE prompt_set_id = ${promptSetId}::uuid ${filter}
      ORDER BY created_at, id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  ]);
  const ids = rows.map((row) => row.id);
  const prompts = await db.prompt.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      externalId: true,
      messages: true,
      referenceAnswer: true,
      candidates: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, content: true, source: true, model: true, parentId: true, rewriteRuleId: true, finishReason: true, params: true },
      },
    },
  });
  const byId = new Map(prompts.map((prompt) => [prompt.id, prompt]));
  const total = Number(count?.n ?? 0);
  return {
    prompts: ids.flatMap((id) => {
      const prompt = byId.get(id);
      if (!prompt) return [];
      return [
        {
          id: prompt.id,
          externalId: prompt.externalId,
          messages: prompt.messages as ChatMessage[],
          referenceAnswer: prompt.referenceAnswer,
          candidates: prompt.candidates.map(({ params, ...candidate }) => ({ ...candidate, importedLabel: importedLabel(params) })),
        },
      ];
    }),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    q,
  };
}

function importedLabel(params: Prisma.JsonValue | null): string | null {
  if (params && typeof params === "object" && !Array.isArray(params)) {
    const label = (params as Record<string, unknown>).importedLabel;
    return typeof label === "string" ? label : null;
  }
  return null;
}
