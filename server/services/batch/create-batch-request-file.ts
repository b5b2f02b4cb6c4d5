import "server-only";
import { randomBytes } from "node:crypto";
import { batchFileName, batchRequestLine, formatCustomId, type BatchSampling } from "@/lib/batch/batch-file";
import { chatMessageSchema } from "@/lib/conversation";
import { requestConversation } from "@/lib/generation/run-request";
import { batchFileSchema } from "@/lib/generation/schemas";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";

/** Prompts read per query while the file streams: memory holds one page, never the set. */
const PAGE = 1000;

export type BatchRequestFileStream = {
  id: string;
  tag: string;
  model: string;
  lineCount: number;
  fileName: string;
  /** The file's lines, each ending in a newline, read from the database page by page as they are sent. */
  lines: AsyncGenerator<string>;
};

// Candidates that count towards N: model answers (generated, imported, sample texts), not rule-derived
// variants or people's rewrites.
const countedCandidates = Prisma.sql`c.source IN ('GENERATED', 'IMPORTED', 'SAMPLE')`;

/**
 * Records a Batch request file (its tag, model and sampling parameters, so results map back with full
 * provenance) and returns its lines to stream: N samples per prompt of the set, or, with scope
 * `missing`, the samples a prompt still lacks (N minus its model answers). custom_id = tag, prompt, sample.
 */
export async function createBatchRequestFile({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<BatchRequestFileStream> {
  requirePermission(actor, canManageEndpoints, "write Batch files for generation");
  requireId(promptSetId, "prompt set");
  const settings = parseOrThrow(batchFileSchema, input);
  const db = getDb();
  const sampling: BatchSampling = {
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.top_p !== undefined ? { top_p: settings.top_p } : {}),
    ...(settings.max_tokens !== undefined ? { max_tokens: settings.max_tokens } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.stop.length ? { stop: settings.stop } : {}),
  };
  const wanted = settings.scope === "all" ? Prisma.sql`${settings.samples}::int` : Prisma.sql`GREATEST(${settings.samples}::int - (SELECT count(*) FROM candidates c WHERE c.prompt_id = p.id AND ${countedCandidates})::int, 0)`;

  const file = await db.$transaction(async (tx) => {
    const set = await tx.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true, name: true, archivedAt: true } });
    if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
    if (set.archivedAt) throw new AppError("BAD_REQUEST", { key: "batch.setArchived" });
    const [{ lines } = { lines: 0 }] = await tx.$queryRaw<{ lines: number }[]>`
      SELECT coalesce(sum(${wanted}), 0)::int AS lines FROM prompts p WHERE p.prompt_set_id = ${promptSetId}::uuid`;
    if (lines === 0) {
      throw new AppError("BAD_REQUEST", settings.scope === "all" ? { key: "generation.noPrompts" } : { key: "batch.nothingMissing", params: { samples: settings.samples } });
    }
    const tag = randomBytes(6).toString("hex");
    const params = { ...sampling, ...(settings.systemOverride !== undefined ? { system_override: settings.systemOverride } : {}) };
    const row = await tx.batchRequestFile.create({
      data: { tag, promptSetId, model: settings.model, params, scope: settings.scope, samples: settings.samples, lineCount: lines, createdById: actor.isSystem ? null : actor.id },
      select: { id: true, tag: true },
    });
    await recordAudit(tx, { actor, action: "batch_file.create", entityType: "prompt_set", entityId: promptSetId, data: { batchFileId: row.id, tag, model: settings.model, scope: settings.scope, samples: settings.samples, lineCount: lines } });
    return { ...row, lineCount: lines, setName: set.name };
  });

  async function* lines(): AsyncGenerator<string> {
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const page = await db.$queryRaw<{ id: string; messages: unknown; default_system: string | null; wanted: number }[]>`
        SELECT p.id, p.messages, s.default_system_message AS default_system, ${wanted} AS wanted
        FROM prompts p JOIN prompt_sets s ON s.id = p.prompt_set_id
        WHERE p.prompt_set_id = ${promptSetId}::uuid AND p.id > ${after}::uuid
        ORDER BY p.id LIMIT ${PAGE}`;
      if (page.length === 0) return;
      let text = "";
      for (const prompt of page) {
        const messages = chatMessageSchema.array().parse(prompt.messages);
        // As the generation worker does: an override replaces the prompt's system message, else the set's default fills a missing one.
        const conversation = requestConversation(messages, prompt.default_system, settings.systemOverride);
        // With scope `missing`, a prompt that has k answers gets samples k .. N-1.
        const first = settings.samples - prompt.wanted;
        for (let sampleIndex = first; sampleIndex < settings.samples; sampleIndex++) {
          text += batchRequestLine({ customId: formatCustomId({ tag: file.tag, promptId: prompt.id, sampleIndex }), model: settings.model, messages: conversation, sampling, sampleIndex }) + "\n";
        }
      }
      if (text) yield text;
      after = page.at(-1)!.id;
    }
  }

  return { id: file.id, tag: file.tag, model: settings.model, lineCount: file.lineCount, fileName: batchFileName(file.setName, file.tag), lines: lines() };
}
