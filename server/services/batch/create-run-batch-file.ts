import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { batchFileName, batchRequestLine, formatCustomId, type BatchSampling } from "@/lib/batch/batch-file";
import { chatMessageSchema } from "@/lib/conversation";
import { requestConversation, runSampling } from "@/lib/generation/run-request";
import { samplingParamsSchema, type RunParams } from "@/lib/generation/schemas";
import { canManageEndpoints } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import type { BatchRequestFileStream } from "./create-batch-request-file";

/** Tasks read per query while the file streams: memory holds one page, never the run. */
const PAGE = 1000;

const runBatchFileSchema = z.object({
  /** Which of the run's endpoints the Batch service stands in for (one model per file); optional when the run has one. */
  endpointId: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.string().uuid("endpointId must be the id of one of the run's endpoints").optional()),
});

/**
 * A Batch request file for the tasks of a generation run that still lack their candidate, for one of
 * the run's endpoints: each line is the request the worker would have sent for that task (the run's
 * sampling parameters over the endpoint's defaults, seed + sample index, the run's system override or
 * the set's default system message), with the endpoint's model. custom_id = tag, prompt, sample index;
 * importing the results (importBatchResults) stores each answer as the task's candidate, with the run's
 * provenance, and marks the task done.
 *
 * The run must not be queued or running: the worker would answer the same tasks. Cancel it first; a
 * task the worker answers anyway (after a resume) keeps the worker's answer, and the Batch line for it
 * is skipped on import.
 */
export async function createRunBatchFile({ actor, runId, input }: { actor: Actor; runId: string; input: unknown }): Promise<BatchRequestFileStream> {
  requirePermission(actor, canManageEndpoints, "write Batch files for generation");
  requireId(runId, "generation run");
  const { endpointId: chosen } = parseOrThrow(runBatchFileSchema, input ?? {});
  const db = getDb();

  const file = await db.$transaction(async (tx) => {
    // Locked: a resume waits until the file is recorded, and a file is never written for a run being started.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM generation_runs WHERE id = ${runId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", { key: "batch.noSuchRun" });
    const run = await tx.generationRun.findUniqueOrThrow({
      where: { id: runId },
      select: {
        id: true,
        status: true,
        params: true,
        candidatesPerModel: true,
        judgeTemplateId: true,
        promptSet: { select: { id: true, name: true, archivedAt: true } },
        endpoints: { select: { endpoint: { select: { id: true, name: true, model: true, defaults: true } } } },
      },
    });
    if (run.judgeTemplateId) throw new AppError("BAD_REQUEST", { key: "batch.judgeRun" });
    if (run.status === "QUEUED" || run.status === "RUNNING") {
      throw new AppError("CONFLICT", { key: run.status === "QUEUED" ? "batch.runQueued" : "batch.runRunning" });
    }
    if (run.promptSet.archivedAt) throw new AppError("BAD_REQUEST", { key: "batch.setArchived" });
    const endpoints = run.endpoints.map((link) => link.endpoint);
    const endpoint = chosen ? endpoints.find((candidate) => candidate.id === chosen) : endpoints.length === 1 ? endpoints[0] : undefined;
    if (!endpoint) {
      const names = endpoints.map((e) => `${e.name} (${e.id})`).join(", ");
      throw new AppError("BAD_REQUEST", chosen ? { key: "batch.noSuchRunEndpoint", params: { endpoints: names } } : { key: "batch.chooseRunEndpoint", params: { count: endpoints.length, endpoints: names } });
    }
    const [{ lines } = { lines: 0 }] = await tx.$queryRaw<{ lines: number }[]>`
      SELECT count(*)::int AS lines FROM generation_tasks t
       WHERE t.run_id = ${runId}::uuid AND t.endpoint_id = ${endpoint.id}::uuid AND t.kind = 'GENERATE' AND t.status <> 'SUCCEEDED'
         AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.generation_task_id = t.id)`;
    if (lines === 0) throw new AppError("BAD_REQUEST", { key: "batch.runNothingToGenerate", params: { endpoint: endpoint.name } });

    const runParams = run.params as RunParams;
    const defaults = samplingParamsSchema.safeParse(endpoint.defaults).data ?? {};
    const sampling: BatchSampling = { ...runSampling(runParams, defaults), ...(runParams.seed !== undefined ? { seed: runParams.seed } : {}) };
    const tag = randomBytes(6).toString("hex");
    // The file's params are what each candidate's params become (as the worker stores them), with the seed for seed + sample index.
    const params = { ...sampling, ...(runParams.systemOverride !== undefined ? { system_override: runParams.systemOverride } : {}) };
    const row = await tx.batchRequestFile.create({
      data: {
        tag,
        promptSetId: run.promptSet.id,
        model: endpoint.model,
        params,
        scope: "run",
        samples: run.candidatesPerModel,
        lineCount: lines,
        runId,
        endpointId: endpoint.id,
        createdById: actor.isSystem ? null : actor.id,
      },
      select: { id: true, tag: true },
    });
    await recordAudit(tx, { actor, action: "batch_file.create", entityType: "generation_run", entityId: runId, data: { batchFileId: row.id, tag, model: endpoint.model, endpointId: endpoint.id, scope: "run", lineCount: lines } });
    return { ...row, lineCount: lines, setName: run.promptSet.name, model: endpoint.model, endpointId: endpoint.id, sampling, systemOverride: runParams.systemOverride };
  });

  async function* lines(): AsyncGenerator<string> {
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const page = await db.$queryRaw<{ id: string; prompt_id: string; sample_index: number; messages: unknown; default_system: string | null }[]>`
        SELECT t.id, t.prompt_id, t.sample_index, p.messages, s.default_system_message AS default_system
          FROM generation_tasks t JOIN prompts p ON p.id = t.prompt_id JOIN prompt_sets s ON s.id = p.prompt_set_id
         WHERE t.run_id = ${runId}::uuid AND t.endpoint_id = ${file.endpointId}::uuid AND t.kind = 'GENERATE' AND t.status <> 'SUCCEEDED'
           AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.generation_task_id = t.id) AND t.id > ${after}::uuid
         ORDER BY t.id LIMIT ${PAGE}`;
      if (page.length === 0) return;
      let text = "";
      for (const task of page) {
        const messages = chatMessageSchema.array().parse(task.messages);
        const conversation = requestConversation(messages, task.default_system, file.systemOverride);
        text += batchRequestLine({ customId: formatCustomId({ tag: file.tag, promptId: task.prompt_id, sampleIndex: task.sample_index }), model: file.model, messages: conversation, sampling: file.sampling, sampleIndex: task.sample_index }) + "\n";
      }
      yield text;
      after = page.at(-1)!.id;
    }
  }

  return { id: file.id, tag: file.tag, model: file.model, lineCount: file.lineCount, fileName: batchFileName(file.setName, file.tag), lines: lines() };
}
