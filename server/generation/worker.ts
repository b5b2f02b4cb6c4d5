import "server-only";
import { chatMessageSchema } from "@/lib/conversation";
import { describeError } from "@/lib/describe-error";
import { defaultRetryPolicy, nextRetryDelay, type RetryPolicy } from "@/lib/generation/retry";
import { samplingParamsSchema, type RunParams } from "@/lib/generation/schemas";
import { requestConversation, runSampling } from "@/lib/generation/run-request";
import { getDb, type Prisma } from "../db/client";
import { isTransientDatabaseError } from "../db/transient-error";
import { endpointTarget } from "../services/endpoints/internal/endpoint-target";
import { scoreNewCandidates } from "../services/verifiers/score-candidates";
import { recordGenerationTask } from "../observability/metrics";
import { createChatCompletion, ModelCallError, type ChatRequest } from "./model-client";
import { completeJudgeTask, loadJudgeTask } from "./judge-tasks";
import { LeaseKeeper } from "./lease-keeper";
import { GroupCommit } from "./group-commit";
import { claimTasks, completeTasks, DEFAULT_LEASE_MS, failTask, handOver, type ClaimedTask, type Completion } from "./task-queue";

export type WorkerOptions = {
  signal: AbortSignal;
  /** Requests this process keeps in flight at most (over all endpoints; each endpoint's own limit also holds). */
  maxInFlight?: number;
  /** How often an idle worker looks for work (completions wake it at once). */
  pollMs?: number;
  retryPolicy?: RetryPolicy;
  /** A claimed task's lease, renewed every third of it while its request runs (ARBITER_TASK_LEASE_MS). */
  leaseMs?: number;
  log?: (line: string) => void;
  /** Filled with where the time went (bench/generation.ts prints it). */
  timings?: WorkerTimings;
};

/**
 * storeMs: from a task's answer to its candidate committed (waiting for its batch included); batches /
 * batchMs / batched: the candidate writes and their own cost; handOvers / handOverMs: answers whose slot
 * was handed on, and the time from such an answer to the hand-over's reply (the slot's idle time);
 * handedNext: of those, how many got a next task; handOverWrites / handOverWriteMs: the hand-over
 * statements and their own cost.
 */
export type WorkerTimings = {
  claims: number;
  claimMs: number;
  tasks: number;
  loadMs: number;
  callMs: number;
  storeMs: number;
  handOvers: number;
  handOverMs: number;
  handedNext: number;
  handOverWrites: number;
  handOverWriteMs: number;
  batches: number;
  batchMs: number;
  batched: number;
};

export const emptyWorkerTimings = (): WorkerTimings => ({ claims: 0, claimMs: 0, tasks: 0, loadMs: 0, callMs: 0, storeMs: 0, handOvers: 0, handOverMs: 0, handedNext: 0, handOverWrites: 0, handOverWriteMs: 0, batches: 0, batchMs: 0, batched: 0 });

/** Takes generation tasks from the queue until `signal` aborts, then lets the requests in flight finish. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const { signal, maxInFlight = 64, pollMs = 500, retryPolicy = defaultRetryPolicy, leaseMs = DEFAULT_LEASE_MS, log = () => {}, timings } = options;
  const running = new Set<Promise<void>>();
  const leases = new LeaseKeeper(leaseMs, log);
  // Two group commits on their own connections: the hand-over of answered tasks' slots (a light
  // statement, on each slot's path) and the write of their candidates (heavier, off it). A candidate's
  // task stays leased until its write commits; the run it belongs to is asked whether it is finished
  // only when this worker holds no other task of it.
  const batcher = new GroupCommit<Completion, boolean>({
    write: (items) => {
      const writing = new Set(items.map((item) => item.task.id));
      return completeTasks(items, { runStillHeld: (runId) => leases.holdsRun(runId, writing) });
    },
    skipped: false,
    maxBatch: maxInFlight,
    onWrite: (items, ms) => {
      if (!timings) return;
      timings.batches += 1;
      timings.batched += items;
      timings.batchMs += ms;
    },
  });
  const handOvers = new GroupCommit<ClaimedTask, ClaimedTask | null>({
    write: (items) => handOver(items, { leaseMs }),
    skipped: null,
    maxBatch: maxInFlight,
    onWrite: (_items, ms) => {
      if (!timings) return;
      timings.handOverWrites += 1;
      timings.handOverWriteMs += ms;
    },
  });
  // Candidate writes still under way (the chains have moved on); a stopping worker waits for them.
  const storing = new Set<Promise<void>>();
  // While the database is down every claim fails the same way: said once, and once when it is back.
  let claimFailing = false;
  // A finished task wakes the loop to claim the next one at once. The flag keeps a wake-up that comes
  // while the loop is busy claiming from being lost (it would otherwise sleep a whole poll interval).
  let woken = false;
  let wake: (() => void) | null = null;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        wake = null;
        resolve();
      }
      wake = done;
      signal.addEventListener("abort", done, { once: true });
    });

  while (!signal.aborted) {
    woken = false;
    let claimed: ClaimedTask[] = [];
    const started = performance.now();
    try {
      claimed = await claimTasks({ limit: maxInFlight - running.size, leaseMs });
      if (timings) {
        timings.claims += 1;
        timings.claimMs += performance.now() - started;
      }
      if (claimFailing) log("claiming tasks again");
      claimFailing = false;
    } catch (error) {
      if (!claimFailing) log(`Could not claim tasks (retrying every ${pollMs} ms): ${describeError(error)}`);
      claimFailing = true;
    }
    for (const task of claimed) {
      const work = runTaskChain(task, started, { signal, retryPolicy, leases, batcher, handOvers, storing, log, timings }).finally(() => {
        running.delete(work);
        woken = true;
        wake?.();
      });
      running.add(work);
    }
    if (claimed.length === 0 || running.size >= maxInFlight) await nap(pollMs);
  }
  await Promise.allSettled([...running]);
  while (storing.size > 0) await Promise.allSettled([...storing]);
  leases.stop();
  await scoringIdle();
}

// Scoring of new candidates runs beside the task chains, one scoring call at a time over every candidate
// stored since the last one began (up to SCORING_BATCH): it shares the connection pool and the event loop
// with the heartbeat and the completions, so a burst of completions costs one scoring read per batch
// rather than one per candidate, and never crowds out lease renewals. A shut-down worker drains the queue.
const SCORING_BATCH = 500;
const scoringQueue: string[] = [];
let scoringActive = false;
const scoringIdleWaiters: (() => void)[] = [];

function queueScoring(generationTaskId: string, log: (line: string) => void): void {
  scoringQueue.push(generationTaskId);
  // Started in the next turn, so that the completions of one batched write are scored together.
  if (scoringQueue.length === 1) setImmediate(() => pumpScoring(log));
}

function pumpScoring(log: (line: string) => void): void {
  if (!scoringActive && scoringQueue.length > 0) {
    const generationTaskIds = scoringQueue.splice(0, SCORING_BATCH);
    scoringActive = true;
    // scoreNewCandidates logs and swallows its own errors: a scoring failure never reaches a task.
    void scoreNewCandidates({ generationTaskIds }, log).finally(() => {
      scoringActive = false;
      pumpScoring(log);
    });
  }
  if (!scoringActive && scoringQueue.length === 0) for (const resolve of scoringIdleWaiters.splice(0)) resolve();
}

function scoringIdle(): Promise<void> {
  if (!scoringActive && scoringQueue.length === 0) return Promise.resolve();
  return new Promise((resolve) => scoringIdleWaiters.push(resolve));
}

type TaskContext = { request: ChatRequest; params: Prisma.InputJsonObject; seed: number | null; target: Parameters<typeof createChatCompletion>[0] };

// A run's parameters never change and an endpoint's rarely: read once a few seconds per worker rather
// than once per task (an edited endpoint is picked up within CACHE_MS).
const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  if (cache.size > 1000) cache.clear();
  return value;
}

const messagesSchema = chatMessageSchema.array();

async function loadTask(task: ClaimedTask): Promise<TaskContext> {
  const db = getDb();
  const [run, endpoint] = await Promise.all([
    cached(`run:${task.runId}`, () => db.generationRun.findUniqueOrThrow({ where: { id: task.runId }, select: { params: true } })),
    cached(`endpoint:${task.endpointId}`, () =>
      db.endpoint.findUniqueOrThrow({ where: { id: task.endpointId }, select: { baseUrl: true, model: true, apiKeyCiphertext: true, timeoutMs: true, defaults: true } }),
    ),
  ]);
  const runParams = run.params as RunParams;
  const defaults = samplingParamsSchema.safeParse(endpoint.defaults).data ?? {};
  const messages = messagesSchema.parse(task.messages);
  const conversation = requestConversation(messages, task.defaultSystemMessage, runParams.systemOverride);
  // Each sample gets its own seed (seed + sample index): one seed for all would give N identical answers.
  const seed = runParams.seed !== undefined ? runParams.seed + task.sampleIndex : null;
  // The sampling values that are set, and the stop sequences: sent with the request and stored with the candidate.
  const sent = runSampling(runParams, defaults);
  const request: ChatRequest = { model: endpoint.model, messages: conversation, ...sent, ...(seed !== null ? { seed } : {}) };
  const params: Prisma.InputJsonObject = {
    ...sent,
    ...(runParams.systemOverride !== undefined ? { system_override: runParams.systemOverride } : {}),
  };
  return { request, params, seed, target: endpointTarget(endpoint) };
}

type ChainOptions = {
  signal: AbortSignal;
  retryPolicy: RetryPolicy;
  leases: LeaseKeeper;
  batcher: GroupCommit<Completion, boolean>;
  handOvers: GroupCommit<ClaimedTask, ClaimedTask | null>;
  storing: Set<Promise<void>>;
  log: (line: string) => void;
  timings?: WorkerTimings;
};

/** Runs a task, then the tasks its slot is handed to, until the endpoint has no ready work or the worker stops. */
async function runTaskChain(first: ClaimedTask, claimSentAt: number, options: ChainOptions): Promise<void> {
  let claimed: { task: ClaimedTask; claimSentAt: number } | null = { task: first, claimSentAt };
  while (claimed) claimed = await runTask(claimed.task, claimed.claimSentAt, options);
}

async function runTask(task: ClaimedTask, claimSentAt: number, options: ChainOptions): Promise<{ task: ClaimedTask; claimSentAt: number } | null> {
  const { signal, leases, batcher, handOvers, storing, log, timings } = options;
  const abandon = leases.hold(task, claimSentAt);
  const t0 = performance.now();
  try {
    if (task.kind === "JUDGE") {
      // A judge's reply is stored with what follows from it (a pair's verdict, a grade); its slot is not
      // handed over: the next claim round picks the endpoint's next task.
      const context = await loadJudgeTask(task);
      const t1 = performance.now();
      const completion = await createChatCompletion(context.target, context.request, abandon);
      const t2 = performance.now();
      await completeJudgeTask(task, context, completion);
      leases.release(task);
      recordGenerationTask(task, "completed", (performance.now() - t0) / 1000);
      if (timings) {
        timings.tasks += 1;
        timings.loadMs += t1 - t0;
        timings.callMs += t2 - t1;
        timings.storeMs += performance.now() - t2;
      }
      return null;
    }
    const context = await loadTask(task);
    const t1 = performance.now();
    const completion = await createChatCompletion(context.target, context.request, abandon);
    const t2 = performance.now();
    // The slot goes to the endpoint's next task now, not when the candidate commits: the answered task
    // no longer counts as in flight, and stays leased (so it is run again if this worker dies before the
    // write). A failed hand-over only costs the slot a claim round. Sent before the candidate's write:
    // a write that committed first would leave nothing to hand over (its task no longer RUNNING).
    let next: ClaimedTask | null = null;
    if (!signal.aborted) {
      next = await handOvers.submit(task, abandon).catch((error: unknown) => {
        log(`Could not hand over the slot of task ${task.id}: ${describeError(error)}`);
        return null;
      });
      if (timings) {
        timings.handOvers += 1;
        timings.handOverMs += performance.now() - t2;
        if (next) timings.handedNext += 1;
      }
    }
    // A `length` finish is a complete response that hit max_tokens: stored, with its finish reason.
    // Written with the other answers that arrive meanwhile (one transaction per batch), beside the
    // chain: the lease is kept renewed until the batch commits, and a failed write fails (or retries)
    // this task as a failed request would.
    const store = batcher.submit({ task, candidate: { ...completion, params: context.params, seed: context.seed } }, abandon).then(
      (stored) => {
        leases.release(task);
        recordGenerationTask(task, "completed", (performance.now() - t0) / 1000);
        // The verifiers score the new candidate once it is committed and its lease released, beside
        // the chains; a scoring error never fails the task.
        if (stored) queueScoring(task.id, log);
        if (timings) {
          timings.tasks += 1;
          timings.loadMs += t1 - t0;
          timings.callMs += t2 - t1;
          timings.storeMs += performance.now() - t2;
        }
      },
      (error: unknown) => settleFailure(task, error, abandon, t0, options),
    );
    storing.add(store);
    void store.finally(() => storing.delete(store));
    return next ? { task: next, claimSentAt: t2 } : null;
  } catch (error) {
    await settleFailure(task, error, abandon, t0, options);
    return null;
  }
}

/** A task's request or write failed: retried later, failed for good, or left to whoever holds its lease now. */
async function settleFailure(task: ClaimedTask, error: unknown, abandon: AbortSignal, t0: number, { retryPolicy: policy, leases, log }: ChainOptions): Promise<void> {
  leases.release(task);
  // A transient database error (a deadlock, a dropped connection) is not the task's fault: retried
  // like a transient model error, so that a healthy endpoint never ends with a failed task.
  const isRetryable = error instanceof ModelCallError ? error.isRetryable : isTransientDatabaseError(error);
  const reason = error instanceof ModelCallError ? error.message : describeError(error);
  const retryIn = isRetryable && task.attempts < policy.maxAttempts ? nextRetryDelay(task.attempts, error instanceof ModelCallError ? error.retryAfterMs : null, policy) : null;
  const finalReason = isRetryable && retryIn === null ? `${reason} (gave up after ${task.attempts} attempts)` : reason;
  if (!(error instanceof ModelCallError)) log(`Task ${task.id} failed: ${reason}`);
  // A request given up for its lease is not this task's failure: whoever holds the task now runs it.
  const failure = { status: error instanceof ModelCallError ? error.status : null, reason: finalReason };
  if (abandon.aborted) {
    log(`Task ${task.id}: ${reason}`);
    recordGenerationTask(task, "abandoned", (performance.now() - t0) / 1000, failure);
    return;
  }
  recordGenerationTask(task, retryIn === null ? "failed" : "retry", (performance.now() - t0) / 1000, failure);
  await failTask(task, finalReason, retryIn).catch((storeError: unknown) => log(`Could not record the failure of task ${task.id}: ${describeError(storeError)}`));
}
