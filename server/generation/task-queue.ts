import "server-only";
import { getDb, Prisma } from "../db/client";

// The queue of generation work is the generation_tasks table itself: one row per (run, prompt,
// endpoint, sample index), unique, so a run can never hold more than N tasks per prompt and model.
// A worker claims a task by setting it RUNNING with a lease (locked_until) and bumping `attempts`,
// which then serves as a fencing token: a worker whose lease ran out (it hung, or was presumed dead)
// can no longer store or fail the task once another worker has claimed it again.
//
// Leases are short (ARBITER_TASK_LEASE_MS, 10 s) and the worker renews those it holds while their
// requests run (renewLeases, its heartbeat), so a killed worker's tasks go back to the queue within
// one lease rather than after the endpoint's whole timeout. A worker that cannot renew a lease in
// time (the database is unreachable, or the task was taken over) aborts that request itself before
// the lease runs out, so one task is never in flight twice.
//
// Per-endpoint concurrency holds across every worker process: claims for one endpoint are serialised
// by a transaction-scoped advisory lock, and the in-flight count is read from the table under it
// (RUNNING tasks whose lease has not expired).
//
// A worker that finishes a task hands its slot straight to the endpoint's next task in the same
// transaction (completeTask with claimNext), so a busy endpoint's slots do not idle for a claim round
// between requests. A hand-over needs no lock: it commits one task leaving RUNNING and at most one
// entering it together, so it never raises the in-flight count any other claimer sees; it happens
// only when this worker's own task was the one released (same attempt), and still respects the
// count (an endpoint whose limit was lowered shrinks).

/** How long a claimed task's lease lasts unless renewed (ARBITER_TASK_LEASE_MS). */
export const DEFAULT_LEASE_MS = 10_000;

export type ClaimedTask = {
  id: string;
  runId: string;
  promptId: string;
  endpointId: string;
  sampleIndex: number;
  attempts: number;
  /** GENERATE: produce a candidate; JUDGE: a judge's reply about `candidateIds` (server/generation/judge-tasks.ts). */
  kind: "GENERATE" | "JUDGE";
  /** A judge task's candidates in the order shown (A then B, or the one graded); empty for generation. */
  candidateIds: string[];
  /** Read with the claim, so the worker need not ask for the prompt again. */
  messages: unknown;
  defaultSystemMessage: string | null;
};

type ClaimRow = {
  id: string;
  run_id: string;
  prompt_id: string;
  sample_index: number;
  attempts: number;
  kind: "GENERATE" | "JUDGE";
  candidate_ids: string[] | null;
  messages: unknown;
  default_system_message: string | null;
};

const lockEndpoint = (endpointId: string) => getDb().$executeRaw`SELECT pg_advisory_xact_lock(hashtext('arbiter.endpoint'), hashtext(${endpointId}))`;

/**
 * Claims up to `limit` ready tasks of one endpoint, as many as its free slots allow. To be run after
 * lockEndpoint in the same transaction: each statement in READ COMMITTED takes a fresh snapshot, so
 * the in-flight count sees every claim committed before the lock was granted.
 */
const claimStatement = (endpointId: string, limit: number | Prisma.Sql, leaseMs: number) => getDb().$queryRaw<ClaimRow[]>`
  WITH endpoint AS (
    SELECT e.max_concurrency - (
      SELECT count(*)::int FROM generation_tasks t
      WHERE t.endpoint_id = e.id AND t.status = 'RUNNING' AND t.locked_until > now()) AS free
    FROM endpoints e WHERE e.id = ${endpointId}::uuid AND e.archived_at IS NULL),
  claimed AS (
    UPDATE generation_tasks SET status = 'RUNNING', attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${leaseMs} / 1000.0), updated_at = now()
    WHERE id IN (
      SELECT t.id FROM generation_tasks t JOIN generation_runs r ON r.id = t.run_id
      WHERE t.endpoint_id = ${endpointId}::uuid AND r.status = 'RUNNING'
        AND ((t.status = 'PENDING' AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= now()))
          OR (t.status = 'RUNNING' AND t.locked_until <= now()))
      LIMIT GREATEST(0, LEAST(${limit}, COALESCE((SELECT free FROM endpoint), 0)))
      FOR UPDATE OF t SKIP LOCKED)
    RETURNING id, run_id, prompt_id, sample_index, attempts, kind, candidate_ids)
  SELECT c.id::text, c.run_id::text, c.prompt_id::text, c.sample_index, c.attempts, c.kind::text AS kind, c.candidate_ids::text[] AS candidate_ids, p.messages, s.default_system_message
  FROM claimed c JOIN prompts p ON p.id = c.prompt_id JOIN prompt_sets s ON s.id = p.prompt_set_id`;

const toClaimed = (endpointId: string) => (row: ClaimRow): ClaimedTask => ({
  id: row.id,
  runId: row.run_id,
  promptId: row.prompt_id,
  endpointId,
  sampleIndex: row.sample_index,
  attempts: row.attempts,
  kind: row.kind,
  candidateIds: row.candidate_ids ?? [],
  messages: row.messages,
  defaultSystemMessage: row.default_system_message,
});

/** Endpoints that have claimable work in a running run. */
async function endpointsWithWork(): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ endpoint_id: string }[]>`
    SELECT DISTINCT re.endpoint_id::text AS endpoint_id
    FROM generation_run_endpoints re JOIN generation_runs r ON r.id = re.run_id
    WHERE r.status = 'RUNNING'`;
  return rows.map((row) => row.endpoint_id);
}

/** Claims up to `limit` ready tasks across endpoints, never exceeding any endpoint's max concurrency. */
export async function claimTasks({ limit, leaseMs }: { limit: number; leaseMs: number }): Promise<ClaimedTask[]> {
  if (limit <= 0) return [];
  const claimed: ClaimedTask[] = [];
  const endpoints = await endpointsWithWork();
  // Rotate so that one busy endpoint does not always go first.
  const offset = endpoints.length ? Math.floor(Math.random() * endpoints.length) : 0;
  for (let i = 0; i < endpoints.length && claimed.length < limit; i++) {
    const endpointId = endpoints[(i + offset) % endpoints.length]!;
    claimed.push(...(await claimForEndpoint(endpointId, limit - claimed.length, leaseMs)));
  }
  return claimed;
}

async function claimForEndpoint(endpointId: string, limit: number, leaseMs: number): Promise<ClaimedTask[]> {
  const [, rows] = await getDb().$transaction([lockEndpoint(endpointId), claimStatement(endpointId, limit, leaseMs)]);
  return rows.map(toClaimed(endpointId));
}

/**
 * The heartbeat: extends the leases of tasks this worker still holds (same attempt, still RUNNING) to
 * `leaseMs` from now. Returns the keys (`id:attempts`) it renewed; a task missing from them was taken
 * over or finished elsewhere (a cancelled run's task stays RUNNING until its request ends).
 */
export async function renewLeases(tasks: Pick<ClaimedTask, "id" | "attempts">[], leaseMs: number): Promise<Set<string>> {
  if (tasks.length === 0) return new Set();
  const rows = await getDb().$queryRaw<{ key: string }[]>`
    UPDATE generation_tasks t SET locked_until = now() + make_interval(secs => ${leaseMs} / 1000.0)
    FROM unnest(${tasks.map((task) => task.id)}::uuid[], ${tasks.map((task) => task.attempts)}::int[]) AS held(id, attempts)
    WHERE t.id = held.id AND t.attempts = held.attempts AND t.status = 'RUNNING'
    RETURNING t.id::text || ':' || t.attempts AS key`;
  return new Set(rows.map((row) => row.key));
}

export const leaseKey = (task: Pick<ClaimedTask, "id" | "attempts">) => `${task.id}:${task.attempts}`;

export type CandidateProvenance = {
  content: string;
  model: string;
  params: Prisma.InputJsonObject;
  seed: number | null;
  latencyMs: number;
  promptTokens: number | null;
  completionTokens: number | null;
  finishReason: string | null;
};

export type Completion = {
  task: ClaimedTask;
  candidate: CandidateProvenance;
  /** Hand the freed slot to the endpoint's next ready task in the same transaction. */
  claimNext: boolean;
};

export type CompletionResult = { stored: boolean; next: ClaimedTask | null };

/**
 * Stores a batch of candidates and marks their tasks done in one statement, each only if this worker
 * still holds its task: same attempt, still RUNNING, and its lease not yet run out by the database's
 * clock. A task whose lease was lost is not stored (whoever claims it next makes the candidate); a
 * result is never stored twice (generation_task_id is also unique on candidates). In the same
 * transaction, each endpoint's freed slots are handed to its next ready tasks (as many as tasks of
 * that endpoint asking for `claimNext` were stored here, never more than the endpoint's free count).
 * Results come back in the order of `completions`.
 */
export async function completeTasks(completions: readonly Completion[], { leaseMs = DEFAULT_LEASE_MS }: { leaseMs?: number } = {}): Promise<CompletionResult[]> {
  if (completions.length === 0) return [];
  const ids = completions.map((c) => c.task.id);
  const attempts = completions.map((c) => c.task.attempts);
  const store = getDb().$queryRaw<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(${ids}::uuid[], ${attempts}::int[], ${completions.map((c) => c.candidate.content)}::text[], ${completions.map((c) => c.candidate.model)}::text[],
        ${completions.map((c) => JSON.stringify(c.candidate.params))}::jsonb[], ${completions.map((c) => c.candidate.seed)}::int[], ${completions.map((c) => c.candidate.latencyMs)}::int[],
        ${completions.map((c) => c.candidate.promptTokens)}::int[], ${completions.map((c) => c.candidate.completionTokens)}::int[], ${completions.map((c) => c.candidate.finishReason)}::text[])
        AS i(id, attempts, content, model, params, seed, latency_ms, prompt_tokens, completion_tokens, finish_reason)),
    done AS (
      UPDATE generation_tasks t SET status = 'SUCCEEDED', locked_until = NULL, last_error = NULL, updated_at = now()
      FROM input i
      WHERE t.id = i.id AND t.status = 'RUNNING' AND t.attempts = i.attempts AND t.locked_until > now()
      RETURNING t.id, t.prompt_id, t.endpoint_id),
    stored AS (
      INSERT INTO candidates (prompt_id, content, source, generation_task_id, endpoint_id, model, params, seed, latency_ms, prompt_tokens, completion_tokens, finish_reason)
      SELECT d.prompt_id, i.content, 'GENERATED', d.id, d.endpoint_id, i.model, i.params, i.seed, i.latency_ms, i.prompt_tokens, i.completion_tokens, i.finish_reason
      FROM done d JOIN input i ON i.id = d.id
      RETURNING generation_task_id)
    SELECT generation_task_id::text AS id FROM stored`;
  // One hand-over claim per endpoint, sized in SQL by how many of its tasks asking for one were
  // stored by the statement before (a task already finished elsewhere frees no slot of ours).
  const handoffEndpoints = [...new Set(completions.filter((c) => c.claimNext).map((c) => c.task.endpointId))];
  const claims = handoffEndpoints.map((endpointId) => {
    const asking = completions.filter((c) => c.claimNext && c.task.endpointId === endpointId);
    const released = Prisma.sql`(SELECT count(*)::int FROM generation_tasks t2
      JOIN unnest(${asking.map((c) => c.task.id)}::uuid[], ${asking.map((c) => c.task.attempts)}::int[]) AS h(id, attempts) ON t2.id = h.id AND t2.attempts = h.attempts
      WHERE t2.status = 'SUCCEEDED')`;
    return claimStatement(endpointId, released, leaseMs);
  });
  const [storedRows, ...claimedRows] = await getDb().$transaction([store, ...claims]);
  const stored = new Set(storedRows.map((row) => row.id));
  const handed = new Map(handoffEndpoints.map((endpointId, index) => [endpointId, (claimedRows[index] ?? []).map(toClaimed(endpointId))]));
  const results = completions.map((c): CompletionResult => {
    const isStored = stored.has(c.task.id);
    const next = isStored && c.claimNext ? (handed.get(c.task.endpointId)?.shift() ?? null) : null;
    return { stored: isStored, next };
  });
  // A run whose next task is being handed over is not finished.
  const continuing = new Set(results.flatMap((result) => (result.next ? [result.next.runId] : [])));
  const finished = new Set(completions.filter((c) => stored.has(c.task.id) && !continuing.has(c.task.runId)).map((c) => c.task.runId));
  for (const runId of finished) await finishRunIfDone(runId);
  return results;
}

/** One completion on its own (completeTasks with a batch of one). */
export async function completeTask(
  task: ClaimedTask,
  candidate: CandidateProvenance,
  { claimNext = false, leaseMs = DEFAULT_LEASE_MS }: { claimNext?: boolean; leaseMs?: number } = {},
): Promise<CompletionResult> {
  const [result] = await completeTasks([{ task, candidate, claimNext }], { leaseMs });
  return result!;
}

/** A transient failure goes back to the queue after `retryInMs`; otherwise the task fails with its reason. */
export async function failTask(task: ClaimedTask, reason: string, retryInMs: number | null): Promise<void> {
  const message = reason.slice(0, 1000);
  if (retryInMs !== null) {
    // On a cancelled run the task waits as CANCELLED, so that "resume" picks it up again.
    await getDb().$executeRaw`
      UPDATE generation_tasks t SET
        status = (CASE WHEN r.status = 'CANCELLED' THEN 'CANCELLED' ELSE 'PENDING' END)::task_status,
        next_attempt_at = now() + make_interval(secs => ${retryInMs / 1000}), locked_until = NULL, last_error = ${message}, updated_at = now()
      FROM generation_runs r
      WHERE r.id = t.run_id AND t.id = ${task.id}::uuid AND t.status = 'RUNNING' AND t.attempts = ${task.attempts}`;
    return;
  }
  await getDb().$executeRaw`
    UPDATE generation_tasks SET status = 'FAILED', locked_until = NULL, next_attempt_at = NULL, last_error = ${message}, updated_at = now()
    WHERE id = ${task.id}::uuid AND status = 'RUNNING' AND attempts = ${task.attempts}`;
  await finishRunIfDone(task.runId);
}

/**
 * A running run with nothing pending or in flight is finished: COMPLETED, or CANCELLED when some of its
 * tasks were cancelled. Called after the task's own commit, so the last task to finish always sees the others.
 */
export async function finishRunIfDone(runId: string): Promise<void> {
  await getDb().$executeRaw`
    UPDATE generation_runs r SET finished_at = now(),
      status = (CASE WHEN EXISTS (SELECT 1 FROM generation_tasks WHERE run_id = r.id AND status = 'CANCELLED') THEN 'CANCELLED' ELSE 'COMPLETED' END)::run_status
    WHERE r.id = ${runId}::uuid AND r.status = 'RUNNING'
      AND NOT EXISTS (SELECT 1 FROM generation_tasks WHERE run_id = r.id AND status IN ('PENDING', 'RUNNING'))`;
}
