import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Prisma } from "../db/client";
import { getPgPool } from "../db/pg-pool";

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
// (RUNNING tasks whose lease has not expired and whose answer has not arrived: answered_at IS NULL).
//
// A worker whose request got its answer hands the slot straight to the endpoint's next task (handOver:
// one statement marks the task answered and claims the next), so a busy endpoint's slots do not idle
// while the answer waits for its batched write (completeTasks) or for a claim round. The answered task
// stays RUNNING under its lease until its candidate commits: a worker that dies before that loses
// nothing, since the lease runs out and the task is claimed and run again (every claim clears
// answered_at), and a late write never stores twice (the attempt fences it, and generation_task_id is
// unique on candidates). A hand-over needs no lock: it commits one task leaving the in-flight count and
// at most one entering it together, so it never raises the count any other claimer sees; it happens
// only when this worker's own task was the one answered (same attempt, lease held), and still respects
// the count (an endpoint whose limit was lowered shrinks).
//
// Every statement here goes through node-postgres (server/db/pg-pool.ts), not Prisma: they are the
// worker's hot path, run per claim round and per batch of completions, and Prisma's query engine cost
// more CPU per call than the statement itself. Rows that several of a worker's statements update (the
// lease renewal and the completion of a batch, on two connections at once) are locked in id order, so
// that the two never deadlock.

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

/** A statement's SQL and values, with placeholders numbered by the caller ($n). */
type Sql = { text: string; values: unknown[] };

/**
 * The CTEs that claim up to `limit` (SQL) ready tasks of one endpoint, as many as its free slots allow,
 * named `${name}_endpoint` and `${name}` (the claimed rows). `free` adds to the endpoint's free count
 * (SQL): the slots this same statement releases, which its snapshot still sees as RUNNING. Values go
 * into `values`; the endpoint id and lease are bound there.
 */
function claimCtes(name: string, endpointId: string, limit: string, leaseMs: number, values: unknown[], free = "0"): string {
  values.push(endpointId, leaseMs);
  const endpoint = `$${values.length - 1}::uuid`;
  const lease = `$${values.length}::int`;
  return `${name}_endpoint AS (
    SELECT e.max_concurrency + ${free} - (
      SELECT count(*)::int FROM generation_tasks t
      WHERE t.endpoint_id = e.id AND t.status = 'RUNNING' AND t.locked_until > now() AND t.answered_at IS NULL) AS free
    FROM endpoints e WHERE e.id = ${endpoint} AND e.archived_at IS NULL),
  ${name} AS (
    UPDATE generation_tasks SET status = 'RUNNING', attempts = attempts + 1, answered_at = NULL,
      locked_until = now() + make_interval(secs => ${lease} / 1000.0), updated_at = now()
    WHERE id IN (
      SELECT t.id FROM generation_tasks t JOIN generation_runs r ON r.id = t.run_id
      WHERE t.endpoint_id = ${endpoint} AND r.status = 'RUNNING'
        AND ((t.status = 'PENDING' AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= now()))
          OR (t.status = 'RUNNING' AND t.locked_until <= now()))
      LIMIT GREATEST(0, LEAST(${limit}, COALESCE((SELECT free FROM ${name}_endpoint), 0)))
      FOR UPDATE OF t SKIP LOCKED)
    RETURNING id, run_id, prompt_id, sample_index, attempts, kind, candidate_ids)`;
}

/** The claimed rows of CTE `name` with what the worker needs of their prompt, as ClaimRow columns (after `lead`'s). */
const claimedRows = (name: string, lead = "") => `
  SELECT ${lead}c.id::text, c.run_id::text, c.prompt_id::text, c.sample_index, c.attempts, c.kind::text AS kind,
    c.candidate_ids::text[] AS candidate_ids, p.messages, s.default_system_message
  FROM ${name} c JOIN prompts p ON p.id = c.prompt_id JOIN prompt_sets s ON s.id = p.prompt_set_id`;

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

// The worker's statements are sent as named prepared statements: each connection plans one once rather
// than at every call (the hand-over and the batch write are CTEs whose planning cost about as much as
// their execution). Their text depends only on the number of endpoints in one statement, so a handful
// of names per connection. Needs a session per client (PgBouncer in session mode, as the README says).
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `arbiter_task_queue_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return { name, text, values };
}

const query = async <Row extends pg.QueryResultRow>({ text, values }: Sql): Promise<Row[]> => (await getPgPool().query<Row>(prepared(text, values))).rows;

/** Endpoints that have claimable work in a running run. */
async function endpointsWithWork(): Promise<string[]> {
  const rows = await query<{ endpoint_id: string }>({
    text: `SELECT DISTINCT re.endpoint_id::text AS endpoint_id
      FROM generation_run_endpoints re JOIN generation_runs r ON r.id = re.run_id
      WHERE r.status = 'RUNNING'`,
    values: [],
  });
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

/**
 * Claims for one endpoint are serialised by a transaction-scoped advisory lock, taken by a statement of
 * its own before the claim: each statement in READ COMMITTED takes a fresh snapshot, so the in-flight
 * count sees every claim committed before the lock was granted.
 */
async function claimForEndpoint(endpointId: string, limit: number, leaseMs: number): Promise<ClaimedTask[]> {
  const client = await getPgPool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('arbiter.endpoint'), hashtext($1))", [endpointId]);
      const values: unknown[] = [limit];
      const { rows } = await client.query<ClaimRow>(prepared(`WITH ${claimCtes("claimed", endpointId, "$1::int", leaseMs, values)} ${claimedRows("claimed")}`, values));
      await client.query("COMMIT");
      return rows.map(toClaimed(endpointId));
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/**
 * The heartbeat: extends the leases of tasks this worker still holds (same attempt, still RUNNING) to
 * `leaseMs` from now. Returns the keys (`id:attempts`) it renewed; a task missing from them was taken
 * over or finished elsewhere (a cancelled run's task stays RUNNING until its request ends).
 */
export async function renewLeases(tasks: Pick<ClaimedTask, "id" | "attempts">[], leaseMs: number): Promise<Set<string>> {
  if (tasks.length === 0) return new Set();
  const rows = await query<{ key: string }>({
    text: `WITH held AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS h(id, attempts)),
      locked AS (
        SELECT t.id FROM generation_tasks t JOIN held ON held.id = t.id AND held.attempts = t.attempts
        WHERE t.status = 'RUNNING' ORDER BY t.id FOR UPDATE OF t)
      UPDATE generation_tasks t SET locked_until = now() + make_interval(secs => $3::int / 1000.0)
      FROM held
      WHERE t.id = held.id AND t.attempts = held.attempts AND t.status = 'RUNNING' AND t.id IN (SELECT id FROM locked)
      RETURNING t.id::text || ':' || t.attempts AS key`,
    values: [tasks.map((task) => task.id), tasks.map((task) => task.attempts), leaseMs],
  });
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

export type Completion = { task: ClaimedTask; candidate: CandidateProvenance };

/**
 * Marks answered tasks (each only if this worker still holds it: same attempt, RUNNING, lease not run
 * out by the database's clock, not already answered) and hands each endpoint's freed slots to its next
 * ready tasks, in one statement. Returns, in the order of `tasks`, the task handed to each (null when
 * the endpoint has no ready work or no free slot, or the task was not this worker's to hand over).
 *
 * The statement's snapshot still counts the tasks it marks as in flight, so their slots are added to
 * the endpoint's free count; an endpoint gets at most as many hand-overs as tasks of it were marked.
 */
export async function handOver(tasks: readonly ClaimedTask[], { leaseMs = DEFAULT_LEASE_MS }: { leaseMs?: number } = {}): Promise<(ClaimedTask | null)[]> {
  if (tasks.length === 0) return [];
  const values: unknown[] = [tasks.map((task) => task.id), tasks.map((task) => task.attempts)];
  const ctes = [
    `input AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS i(id, attempts))`,
    // Locked in id order, as renewLeases and completeTasks lock them.
    `locked AS (
      SELECT t.id FROM generation_tasks t JOIN input i ON i.id = t.id AND i.attempts = t.attempts
      WHERE t.status = 'RUNNING' AND t.locked_until > now() AND t.answered_at IS NULL ORDER BY t.id FOR UPDATE OF t)`,
    `answered AS (
      UPDATE generation_tasks t SET answered_at = now()
      FROM input i
      WHERE t.id = i.id AND t.attempts = i.attempts AND t.status = 'RUNNING' AND t.locked_until > now() AND t.answered_at IS NULL
        AND t.id IN (SELECT id FROM locked)
      RETURNING t.id, t.endpoint_id)`,
  ];
  const endpoints = [...new Set(tasks.map((task) => task.endpointId))];
  const selects = [`SELECT 'answered' AS what, NULL::text AS endpoint_id, id::text AS id, NULL::text AS run_id, NULL::text AS prompt_id, NULL::int AS sample_index,
      NULL::int AS attempts, NULL::text AS kind, NULL::text[] AS candidate_ids, NULL::jsonb AS messages, NULL::text AS default_system_message FROM answered`];
  endpoints.forEach((endpointId, index) => {
    const name = `handed_${index}`;
    values.push(endpointId);
    const endpoint = `$${values.length}::uuid`;
    const freed = `(SELECT count(*)::int FROM answered WHERE answered.endpoint_id = ${endpoint})`;
    ctes.push(claimCtes(name, endpointId, freed, leaseMs, values, freed));
    selects.push(claimedRows(name, `'handed' AS what, ${endpoint}::text AS endpoint_id, `));
  });
  const rows = await query<ClaimRow & { what: "answered" | "handed"; endpoint_id: string | null }>({ text: `WITH ${ctes.join(",\n")}\n${selects.join("\nUNION ALL\n")}`, values });
  const answered = new Set(rows.filter((row) => row.what === "answered").map((row) => row.id));
  const handed = new Map<string, ClaimedTask[]>(endpoints.map((endpointId) => [endpointId, []]));
  for (const row of rows) if (row.what === "handed") handed.get(row.endpoint_id!)!.push(toClaimed(row.endpoint_id!)(row));
  return tasks.map((task) => (answered.has(task.id) ? (handed.get(task.endpointId)!.shift() ?? null) : null));
}

/**
 * Stores a batch of candidates and marks their tasks done, in one statement (one round trip), each only
 * if this worker still holds its task: same attempt, still RUNNING, and its lease not yet run out by the
 * database's clock. A task whose lease was lost is not stored (whoever claims it next makes the
 * candidate); a result is never stored twice (generation_task_id is also unique on candidates). Returns
 * in the order of `completions` whether each was stored.
 *
 * Whether a run is finished is asked after the commit, by a statement of its own (finishRunIfDone), for
 * each run stored here unless `runStillHeld` says this worker still holds another task of it: that
 * task's own end (stored, failed, or run again by whoever claims it once its lease is lost) asks then.
 */
export async function completeTasks(
  completions: readonly Completion[],
  { runStillHeld = () => false }: { runStillHeld?: (runId: string) => boolean } = {},
): Promise<boolean[]> {
  if (completions.length === 0) return [];
  const values: unknown[] = [
    completions.map((c) => c.task.id),
    completions.map((c) => c.task.attempts),
    completions.map((c) => c.candidate.content),
    completions.map((c) => c.candidate.model),
    completions.map((c) => JSON.stringify(c.candidate.params)),
    completions.map((c) => c.candidate.seed),
    completions.map((c) => c.candidate.latencyMs),
    completions.map((c) => c.candidate.promptTokens),
    completions.map((c) => c.candidate.completionTokens),
    completions.map((c) => c.candidate.finishReason),
  ];
  const rows = await query<{ id: string }>({
    text: `WITH input AS (
        SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::int[], $7::int[], $8::int[], $9::int[], $10::text[])
          AS i(id, attempts, content, model, params, seed, latency_ms, prompt_tokens, completion_tokens, finish_reason)),
      -- Locked in id order (as renewLeases locks them), and only those still held by this attempt.
      locked AS (
        SELECT t.id FROM generation_tasks t JOIN input i ON i.id = t.id AND i.attempts = t.attempts
        WHERE t.status = 'RUNNING' AND t.locked_until > now() ORDER BY t.id FOR UPDATE OF t),
      done AS (
        UPDATE generation_tasks t SET status = 'SUCCEEDED', locked_until = NULL, last_error = NULL, updated_at = now()
        FROM input i
        WHERE t.id = i.id AND t.attempts = i.attempts AND t.status = 'RUNNING' AND t.locked_until > now() AND t.id IN (SELECT id FROM locked)
        RETURNING t.id, t.prompt_id, t.endpoint_id)
      INSERT INTO candidates (prompt_id, content, source, generation_task_id, endpoint_id, model, params, seed, latency_ms, prompt_tokens, completion_tokens, finish_reason)
      SELECT d.prompt_id, i.content, 'GENERATED', d.id, d.endpoint_id, i.model, i.params, i.seed, i.latency_ms, i.prompt_tokens, i.completion_tokens, i.finish_reason
      FROM done d JOIN input i ON i.id = d.id
      RETURNING generation_task_id::text AS id`,
    values,
  });
  const stored = new Set(rows.map((row) => row.id));
  const finished = new Set(completions.filter((c) => stored.has(c.task.id)).map((c) => c.task.runId));
  for (const runId of finished) if (!runStillHeld(runId)) await finishRunIfDone(runId);
  return completions.map((c) => stored.has(c.task.id));
}

/** A transient failure goes back to the queue after `retryInMs`; otherwise the task fails with its reason. */
export async function failTask(task: ClaimedTask, reason: string, retryInMs: number | null): Promise<void> {
  const message = reason.slice(0, 1000);
  if (retryInMs !== null) {
    // On a cancelled run the task waits as CANCELLED, so that "resume" picks it up again.
    await query({
      text: `UPDATE generation_tasks t SET
          status = (CASE WHEN r.status = 'CANCELLED' THEN 'CANCELLED' ELSE 'PENDING' END)::task_status,
          next_attempt_at = now() + make_interval(secs => $4::float8 / 1000), locked_until = NULL, last_error = $3, updated_at = now()
        FROM generation_runs r
        WHERE r.id = t.run_id AND t.id = $1::uuid AND t.status = 'RUNNING' AND t.attempts = $2::int`,
      values: [task.id, task.attempts, message, retryInMs],
    });
    return;
  }
  await query({
    text: `UPDATE generation_tasks SET status = 'FAILED', locked_until = NULL, next_attempt_at = NULL, last_error = $3, updated_at = now()
      WHERE id = $1::uuid AND status = 'RUNNING' AND attempts = $2::int`,
    values: [task.id, task.attempts, message],
  });
  await finishRunIfDone(task.runId);
}

/**
 * A running run with nothing pending or in flight is finished: COMPLETED, or CANCELLED when some of its
 * tasks were cancelled. Called after the task's own commit, so the last task to finish always sees the others.
 */
export async function finishRunIfDone(runId: string): Promise<void> {
  await query({
    text: `UPDATE generation_runs r SET finished_at = now(),
        status = (CASE WHEN EXISTS (SELECT 1 FROM generation_tasks WHERE run_id = r.id AND status = 'CANCELLED') THEN 'CANCELLED' ELSE 'COMPLETED' END)::run_status
      WHERE r.id = $1::uuid AND r.status = 'RUNNING'
        AND NOT EXISTS (SELECT 1 FROM generation_tasks WHERE run_id = r.id AND status IN ('PENDING', 'RUNNING'))`,
    values: [runId],
  });
}
