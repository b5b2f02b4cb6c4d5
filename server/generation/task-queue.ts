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
const claimStatement = (endpointId: string, limit: number, leaseMs: number, handoffFrom: Prisma.Sql = Prisma.sql`TRUE`) => getDb().$queryRaw<ClaimRow[]>`
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
        AND ${handoffFrom}
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

/**
 * Stores the candidate and marks the task done in one statement, if this worker still holds the task
 * (same attempt); otherwise the result is dropped, never stored twice (generation_task_id is also
 * unique on candidates). With `claimNext`, the freed slot is handed to the endpoint's next ready task
 * in the same transaction.
 */
export async function completeTask(
  task: ClaimedTask,
  candidate: CandidateProvenance,
  { claimNext = false, leaseMs = DEFAULT_LEASE_MS }: { claimNext?: boolean; leaseMs?: number } = {},
): Promise<{ stored: boolean; next: ClaimedTask | null }> {
  const store = getDb().$executeRaw`
    WITH done AS (
      UPDATE generation_tasks SET status = 'SUCCEEDED', locked_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = ${task.id}::uuid AND status = 'RUNNING' AND attempts = ${task.attempts}
      RETURNING id, prompt_id, endpoint_id)
    INSERT INTO candidates (prompt_id, content, source, generation_task_id, endpoint_id, model, params, seed, latency_ms, prompt_tokens, completion_tokens, finish_reason)
    SELECT prompt_id, ${candidate.content}, 'GENERATED', id, endpoint_id, ${candidate.model}, ${JSON.stringify(candidate.params)}::jsonb,
      ${candidate.seed}::int, ${candidate.latencyMs}::int, ${candidate.promptTokens}::int, ${candidate.completionTokens}::int, ${candidate.finishReason}::text
    FROM done`;
  let stored: number;
  let next: ClaimedTask | null = null;
  if (claimNext) {
    const released = Prisma.sql`EXISTS (SELECT 1 FROM generation_tasks WHERE id = ${task.id}::uuid AND status = 'SUCCEEDED' AND attempts = ${task.attempts})`;
    const [count, rows] = await getDb().$transaction([store, claimStatement(task.endpointId, 1, leaseMs, released)]);
    stored = count;
    next = rows.map(toClaimed(task.endpointId))[0] ?? null;
  } else {
    stored = await store;
  }
  // A run whose next task is being handed over is not finished.
  if (stored > 0 && next?.runId !== task.runId) await finishRunIfDone(task.runId);
  return { stored: stored > 0, next };
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
