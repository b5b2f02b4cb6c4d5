import "server-only";
import { chatMessageSchema, withSystemMessage } from "@/lib/conversation";
import { samplingParamsSchema } from "@/lib/generation/schemas";
import { conversationText, renderTemplate, type JudgeKind, type TemplateValues } from "@/lib/judges/templates";
import { combineOrders, parsePairwiseVerdict, parseRating, type ParsedPairwise } from "@/lib/judges/verdicts";
import { getDb, type Prisma } from "../db/client";
import { endpointTarget } from "../services/endpoints/internal/endpoint-target";
import type { ChatRequest, Completion, ModelTarget } from "./model-client";
import { finishRunIfDone, type ClaimedTask } from "./task-queue";

// Judge tasks ride the generation queue (generation_tasks, kind JUDGE): the same claims, per-endpoint
// concurrency, leases, retries, cancel and resume. What differs is the request (the run's template
// version filled with the task's candidates) and what is stored: the raw reply (judge_outputs), then
// for a pair judged in both orders a MODEL_JUDGE judgment, for a grade a JUDGE candidate score.

export type JudgeTaskContext = {
  request: ChatRequest;
  target: ModelTarget;
  kind: JudgeKind;
  judgeName: string;
  templateId: string;
  templateVersion: number;
  promptSetId: string;
};

export async function loadJudgeTask(task: ClaimedTask): Promise<JudgeTaskContext> {
  const db = getDb();
  const [run, endpoint, prompt, candidates] = await Promise.all([
    db.generationRun.findUniqueOrThrow({
      where: { id: task.runId },
      select: { promptSetId: true, judgeTemplate: { select: { id: true, version: true, system: true, user: true, judge: { select: { name: true, kind: true } } } } },
    }),
    db.endpoint.findUniqueOrThrow({ where: { id: task.endpointId }, select: { baseUrl: true, model: true, apiKeyCiphertext: true, timeoutMs: true, defaults: true } }),
    db.prompt.findUniqueOrThrow({ where: { id: task.promptId }, select: { referenceAnswer: true } }),
    db.candidate.findMany({ where: { id: { in: task.candidateIds } }, select: { id: true, content: true } }),
  ]);
  const template = run.judgeTemplate;
  if (!template) throw new Error(`run ${task.runId} has no judge template: a JUDGE task belongs to a judge run`);
  const content = new Map(candidates.map((candidate) => [candidate.id, candidate.content]));
  const answer = (index: number) => {
    const id = task.candidateIds[index];
    const text = id === undefined ? undefined : content.get(id);
    if (text === undefined) throw new Error(`candidate ${id ?? `#${index}`} of judge task ${task.id} no longer exists`);
    return text;
  };
  const question = conversationText(withSystemMessage(chatMessageSchema.array().parse(task.messages), task.defaultSystemMessage));
  const kind = template.judge.kind;
  const values: TemplateValues =
    kind === "PAIRWISE"
      ? { question, answer_a: answer(0), answer_b: answer(1), ...(prompt.referenceAnswer !== null ? { reference: prompt.referenceAnswer } : {}) }
      : { question, answer: answer(0), ...(prompt.referenceAnswer !== null ? { reference: prompt.referenceAnswer } : {}) };
  if (kind === "REFERENCE" && prompt.referenceAnswer === null) throw new Error(`prompt ${task.promptId} has no reference answer for reference-guided grading`);
  const defaults = samplingParamsSchema.safeParse(endpoint.defaults).data ?? {};
  // Temperature 0, as MT-Bench's judges: the same pair should get the same verdict on a re-run.
  const request: ChatRequest = { model: endpoint.model, messages: renderTemplate(template, values), temperature: 0, ...(defaults.max_tokens !== undefined ? { max_tokens: defaults.max_tokens } : {}) };
  return { request, target: endpointTarget(endpoint), kind, judgeName: template.judge.name, templateId: template.id, templateVersion: template.version, promptSetId: run.promptSetId };
}

/**
 * Stores a judge's reply if this worker still holds the task (same attempt), in one transaction with
 * what follows from it; a reply that lost its lease is dropped, never stored twice.
 */
export async function completeJudgeTask(task: ClaimedTask, context: JudgeTaskContext, completion: Completion): Promise<{ stored: boolean }> {
  const stored = await getDb().$transaction(async (tx) => {
    const done = await tx.$executeRaw`
      UPDATE generation_tasks SET status = 'SUCCEEDED', locked_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = ${task.id}::uuid AND status = 'RUNNING' AND attempts = ${task.attempts}`;
    if (done === 0) return false;
    const pairwise = context.kind === "PAIRWISE";
    const verdict = pairwise ? parsePairwiseVerdict(completion.content) : null;
    const rating = pairwise ? null : parseRating(completion.content);
    const parseError = (verdict && !verdict.ok ? verdict.reason : null) ?? (rating && !rating.ok ? rating.reason : null);
    await tx.judgeOutput.create({
      data: {
        taskId: task.id,
        runId: task.runId,
        promptId: task.promptId,
        candidateIds: task.candidateIds,
        raw: completion.content,
        verdict: verdict?.ok ? verdict.token : null,
        rating: rating?.ok ? rating.rating : null,
        parseError,
        model: completion.model,
        promptTokens: completion.promptTokens,
        completionTokens: completion.completionTokens,
        latencyMs: Math.round(completion.latencyMs),
      },
    });
    if (pairwise) await storePairVerdict(tx, task, context, completion.model);
    else {
      const candidateId = task.candidateIds[0]!;
      const ok = rating?.ok ? rating.rating : null;
      const reason = ok !== null ? `Rating: ${ok}` : `unparseable: ${parseError}`;
      const details = JSON.stringify({ raw: completion.content, runId: task.runId, model: completion.model, templateVersion: context.templateVersion });
      // One row per (candidate, judge, template version): a re-run of the same version replaces the grade.
      await tx.$executeRaw`
        INSERT INTO candidate_scores (candidate_id, prompt_set_id, scorer_kind, scorer_name, scorer_version, passed, score, reason, details)
        VALUES (${candidateId}::uuid, ${context.promptSetId}::uuid, 'JUDGE', ${context.judgeName}, ${`template v${context.templateVersion}`}, NULL, ${ok}::double precision, ${reason}, ${details}::jsonb)
        ON CONFLICT (candidate_id, scorer_kind, scorer_name, scorer_version)
        DO UPDATE SET score = EXCLUDED.score, reason = EXCLUDED.reason, details = EXCLUDED.details, created_at = now()`;
    }
    return true;
  });
  if (stored) await finishRunIfDone(task.runId);
  return { stored };
}

const asParsed = (output: { verdict: string | null; parseError: string | null }): ParsedPairwise =>
  output.verdict === "A" || output.verdict === "B" || output.verdict === "C" ? { ok: true, token: output.verdict } : { ok: false, reason: output.parseError ?? "unparseable" };

/**
 * Once both orders of a pair have replied, the pair's verdict becomes a MODEL_JUDGE judgment (X, Y =
 * the pair's candidates, X the one shown first in the first order). The two orders' tasks may finish
 * at once in two workers: a transaction-scoped advisory lock on the pair makes the second one see the first.
 */
async function storePairVerdict(tx: Prisma.TransactionClient, task: ClaimedTask, context: JudgeTaskContext, model: string): Promise<void> {
  const [a, b] = task.candidateIds as [string, string];
  const [x, y] = a < b ? [a, b] : [b, a];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${task.runId}), hashtext(${`${x}|${y}`}))`;
  const outputs = await tx.judgeOutput.findMany({
    where: { runId: task.runId, promptId: task.promptId, candidateIds: { hasEvery: [x, y] } },
    select: { candidateIds: true, verdict: true, parseError: true },
  });
  const first = outputs.find((output) => output.candidateIds[0] === x);
  const second = outputs.find((output) => output.candidateIds[0] === y);
  if (!first || !second) return;
  const { verdict } = combineOrders(asParsed(first), asParsed(second));
  if (verdict === "unparseable") return;
  const ranks = verdict === "X" ? [1, 2] : verdict === "Y" ? [2, 1] : [1, 1];
  await tx.$executeRaw`
    WITH judgment AS (
      INSERT INTO judgments (prompt_id, prompt_set_id, source, idempotency_key, mode, outcome, judge_run_id, judge_template_id, endpoint_id, judge_model, order_consistent, updated_at)
      VALUES (${task.promptId}::uuid, ${context.promptSetId}::uuid, 'MODEL_JUDGE', ${`judge:${task.runId}:${x}|${y}`}, 'PAIRWISE',
        ${verdict === "X" || verdict === "Y" ? "PREFERENCE" : "TIE"}::judgment_outcome, ${task.runId}::uuid, ${context.templateId}::uuid, ${task.endpointId}::uuid, ${model},
        ${verdict !== "inconsistent"}, now())
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id)
    INSERT INTO judgment_candidates (judgment_id, candidate_id, position, rank)
    SELECT judgment.id, c.id, c.position, c.rank FROM judgment,
      (VALUES (${x}::uuid, 0, ${ranks[0]}::int), (${y}::uuid, 1, ${ranks[1]}::int)) AS c(id, position, rank)`;
}
