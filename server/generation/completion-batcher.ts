import "server-only";
import { isTransientDatabaseError } from "../db/transient-error";
import { completeTasks, type Completion, type CompletionResult } from "./task-queue";

/** A batch's write is tried this many times when it fails transiently (a deadlock, a dropped connection). */
const WRITE_ATTEMPTS = 3;

export type BatcherTimings = { batches: number; batchMs: number; batched: number };

type Waiting = { completion: Completion; abandon: AbortSignal; resolve: (result: CompletionResult) => void; reject: (error: unknown) => void };

/**
 * Group commit for a worker's finished tasks. A completion that arrives while no write is under way
 * is written at once (in the next turn of the event loop, with whatever finished in the same turn);
 * those that arrive during a write wait for it and then go together in the next one (at most
 * `maxBatch`). So an idle worker adds no delay, and a busy one pays one transaction per batch rather
 * than one per candidate.
 *
 * A completion whose lease the worker gave up while it waited (its abandon signal aborted) is not sent:
 * its task may be someone else's by now. The statement itself also checks the attempt and the lease
 * (completeTasks), so a batch never stores a candidate of a task whose lease was lost.
 *
 * A write that fails transiently is sent again (it is one statement: all of it committed or none), so
 * that the model's answers are not thrown away for a deadlock; a task already stored by a first
 * attempt whose reply was lost comes back as not stored, never twice.
 */
export class CompletionBatcher {
  private queue: Waiting[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly options: { leaseMs: number; maxBatch?: number; timings?: BatcherTimings },
  ) {}

  complete(completion: Completion, abandon: AbortSignal): Promise<CompletionResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ completion, abandon, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.write();
    });
  }

  private async write(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    const batch = this.queue.splice(0, this.options.maxBatch ?? 64);
    const live: Waiting[] = [];
    for (const waiting of batch) {
      if (waiting.abandon.aborted) waiting.resolve({ stored: false, next: null });
      else live.push(waiting);
    }
    const started = performance.now();
    try {
      const completions = live.map((waiting) => waiting.completion);
      let results: CompletionResult[];
      for (let attempt = 1; ; attempt++) {
        try {
          results = await completeTasks(completions, { leaseMs: this.options.leaseMs });
          break;
        } catch (error) {
          if (attempt >= WRITE_ATTEMPTS || !isTransientDatabaseError(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
      live.forEach((waiting, index) => waiting.resolve(results[index]!));
      const timings = this.options.timings;
      if (timings && live.length > 0) {
        timings.batches += 1;
        timings.batched += live.length;
        timings.batchMs += performance.now() - started;
      }
    } catch (error) {
      for (const waiting of live) waiting.reject(error);
    } finally {
      this.writing = false;
      this.schedule();
    }
  }
}
