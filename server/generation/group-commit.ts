import "server-only";
import { isTransientDatabaseError } from "../db/transient-error";

/** A batch's write is tried this many times when it fails transiently (a deadlock, a dropped connection). */
const WRITE_ATTEMPTS = 3;

type Waiting<In, Out> = { item: In; abandon: AbortSignal; resolve: (result: Out) => void; reject: (error: unknown) => void };

/**
 * Group commit for a worker's statements about its tasks (the hand-overs of answered tasks' slots, the
 * writes of their candidates). An item that arrives while no write is under way is written at once (in
 * the next turn of the event loop, with whatever arrived in the same turn); those that arrive during a
 * write wait for it and then go together in the next one (at most `maxBatch`). So an idle worker adds no
 * delay, and a busy one pays one transaction per batch rather than one per task.
 *
 * An item whose lease the worker gave up while it waited (its abandon signal aborted) is not sent: its
 * task may be someone else's by now, and it resolves to `skipped`. The statements themselves also check
 * the attempt and the lease, so a batch never writes for a task whose lease was lost.
 *
 * A write that fails transiently is sent again (it is one statement: all of it committed or none), so
 * that the model's answers are not thrown away for a deadlock; `write` must make a repeat harmless (a
 * task already stored by a first attempt whose reply was lost comes back as not stored, never twice).
 */
export class GroupCommit<In, Out> {
  private queue: Waiting<In, Out>[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly options: {
      write: (items: In[]) => Promise<Out[]>;
      /** What an abandoned item resolves to. */
      skipped: Out;
      maxBatch?: number;
      /** Told of each write: how many items it carried and how long it took (retries included). */
      onWrite?: (items: number, ms: number) => void;
    },
  ) {}

  submit(item: In, abandon: AbortSignal): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, abandon, resolve, reject });
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
    const live: Waiting<In, Out>[] = [];
    for (const waiting of batch) {
      if (waiting.abandon.aborted) waiting.resolve(this.options.skipped);
      else live.push(waiting);
    }
    const started = performance.now();
    try {
      const items = live.map((waiting) => waiting.item);
      let results: Out[] = [];
      for (let attempt = 1; live.length > 0; attempt++) {
        try {
          results = await this.options.write(items);
          break;
        } catch (error) {
          if (attempt >= WRITE_ATTEMPTS || !isTransientDatabaseError(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
      live.forEach((waiting, index) => waiting.resolve(results[index]!));
      if (live.length > 0) this.options.onWrite?.(live.length, performance.now() - started);
    } catch (error) {
      for (const waiting of live) waiting.reject(error);
    } finally {
      this.writing = false;
      this.schedule();
    }
  }
}
