import "server-only";
import { startJudgeRunSchema } from "@/lib/judges/schemas";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";

/**
 * Starts a judge run over a prompt set with the judge's current template version: a generation run
 * whose tasks are of kind JUDGE, so the generation workers run it (per-endpoint concurrency, retries,
 * cancel / resume, progress). Pairwise: every pair of each prompt's candidates, in both orders (two
 * tasks). Grading: one task per candidate; reference-guided only for prompts with a reference answer.
 * The run and all its tasks are written in one transaction.
 */
export async function startJudgeRun({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input: unknown }): Promise<{ runId: string; taskCount: number }> {
  requirePermission(actor, canManageEndpoints, "run judges");
  requireId(promptSetId, "prompt set");
  const { judgeId } = parseOrThrow(startJudgeRunSchema, input);
  return getDb().$transaction(async (tx) => {
    const set = await tx.promptSet.findUnique({ where: { id: promptSetId }, select: { archivedAt: true } });
    if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
    if (set.archivedAt) throw new AppError("BAD_REQUEST", { key: "judges.setArchived" });
    const judge = await tx.judge.findUnique({
      where: { id: judgeId },
      select: { kind: true, name: true, archivedAt: true, endpoint: { select: { id: true, archivedAt: true } }, templates: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true } } },
    });
    if (!judge || judge.archivedAt) throw new AppError("BAD_REQUEST", { key: "notFound.judge" }, { judgeId: { key: "field.chooseJudgeFromList" } });
    if (judge.endpoint.archivedAt) throw new AppError("BAD_REQUEST", { key: "judges.endpointArchived", params: { name: judge.name } }, { judgeId: "choose another judge" });
    const template = judge.templates[0];
    if (!template) throw new AppError("BAD_REQUEST", { key: "judges.noTemplate", params: { name: judge.name } });
    const run = await tx.generationRun.create({
      data: {
        promptSetId,
        status: "RUNNING",
        candidatesPerModel: 1,
        judgeTemplateId: template.id,
        createdById: actor.isSystem ? null : actor.id,
        startedAt: new Date(),
        endpoints: { create: [{ endpointId: judge.endpoint.id }] },
      },
      select: { id: true },
    });
    const endpointId = judge.endpoint.id;
    const numbered = Prisma.sql`
      SELECT c.id, c.prompt_id, row_number() OVER (PARTITION BY c.prompt_id ORDER BY c.created_at, c.id) AS n
      FROM candidates c JOIN prompts p ON p.id = c.prompt_id
      WHERE p.prompt_set_id = ${promptSetId}::uuid ${judge.kind === "REFERENCE" ? Prisma.sql`AND p.reference_answer IS NOT NULL` : Prisma.empty}`;
    const taskCount =
      judge.kind === "PAIRWISE"
        ? await tx.$executeRaw`
            WITH c AS (${numbered}),
            pairs AS (
              SELECT a.prompt_id, a.id AS x, b.id AS y, row_number() OVER (PARTITION BY a.prompt_id ORDER BY a.n, b.n) - 1 AS k
              FROM c a JOIN c b ON a.prompt_id = b.prompt_id AND a.n < b.n)
            INSERT INTO generation_tasks (run_id, prompt_id, endpoint_id, sample_index, kind, candidate_ids, updated_at)
            SELECT ${run.id}::uuid, prompt_id, ${endpointId}::uuid, (k * 2 + o)::int, 'JUDGE', CASE WHEN o = 0 THEN ARRAY[x, y] ELSE ARRAY[y, x] END, now()
            FROM pairs CROSS JOIN (VALUES (0), (1)) AS orders(o)`
        : await tx.$executeRaw`
            WITH c AS (${numbered})
            INSERT INTO generation_tasks (run_id, prompt_id, endpoint_id, sample_index, kind, candidate_ids, updated_at)
            SELECT ${run.id}::uuid, prompt_id, ${endpointId}::uuid, (n - 1)::int, 'JUDGE', ARRAY[id], now() FROM c`;
    if (taskCount === 0) {
      throw new AppError(
        "BAD_REQUEST",
        judge.kind === "PAIRWISE"
          ? "No prompt of this set has two candidates to compare: generate or import candidates first."
          : judge.kind === "REFERENCE"
            ? "No prompt of this set has both a reference answer and a candidate: reference-guided grading needs both."
            : "This prompt set has no candidates to grade yet.",
      );
    }
    await recordAudit(tx, { actor, action: "judge.run", entityType: "generation_run", entityId: run.id, data: { promptSetId, judgeId, templateVersion: template.version, taskCount } });
    return { runId: run.id, taskCount };
  });
}
