import "server-only";
import { describeError } from "@/lib/describe-error";
import { leaseKey, renewLeases, type ClaimedTask } from "./task-queue";

type Held = { task: ClaimedTask; controller: AbortController; validUntil: number };

/**
 * A worker's heartbeat. It renews the leases of the tasks whose requests this worker has in flight,
 * every third of a lease, and aborts a request as soon as its lease may no longer be this worker's:
 * - the renewal did not return the task (another worker took it over, or it was finished elsewhere);
 * - no renewal succeeded for a lease less a guard (the database is unreachable): the worker gives the
 *   request up before any other worker could claim the task, since a claim needs the lease expired
 *   by the database's clock and the guard starts from before the renewal was sent.
 * So a killed worker's tasks return within one lease, and one task never runs twice at once.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, Held>();
  private readonly guardMs: number;
  private readonly timer: NodeJS.Timeout;
  private renewing = false;
  private lastRenewal = performance.now();
  private failing = false;

  constructor(
    private readonly leaseMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.guardMs = Math.min(2_000, Math.round(leaseMs / 5));
    this.timer = setInterval(() => this.tick(), Math.max(50, Math.round(leaseMs / 10)));
    this.timer.unref();
  }

  /** Starts keeping a task claimed by a statement sent at `claimSentAt` (performance.now()); the signal aborts its request. */
  hold(task: ClaimedTask, claimSentAt: number): AbortSignal {
    const controller = new AbortController();
    this.held.set(leaseKey(task), { task, controller, validUntil: claimSentAt + this.leaseMs - this.guardMs });
    return controller.signal;
  }

  release(task: ClaimedTask): void {
    this.held.delete(leaseKey(task));
  }

  /** Whether this worker holds a task of `runId` other than `except` (task ids). */
  holdsRun(runId: string, except: ReadonlySet<string>): boolean {
    for (const { task } of this.held.values()) if (task.runId === runId && !except.has(task.id)) return true;
    return false;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = performance.now();
    for (const [key, held] of this.held) {
      if (now >= held.validUntil) {
        this.held.delete(key);
        held.controller.abort(new Error(`the lease on task ${held.task.id} could not be renewed in time`));
      }
    }
    if (!this.renewing && now - this.lastRenewal >= this.leaseMs / 3) void this.renew();
  }

  private async renew(): Promise<void> {
    this.renewing = true;
    const sentAt = performance.now();
    this.lastRenewal = sentAt;
    const batch = [...this.held.values()];
    try {
      const kept = await renewLeases(
        batch.map((held) => held.task),
        this.leaseMs,
      );
      if (this.failing) this.log("lease renewal works again");
      this.failing = false;
      for (const held of batch) {
        const key = leaseKey(held.task);
        if (this.held.get(key) !== held) continue; // finished meanwhile
        if (kept.has(key)) {
          held.validUntil = sentAt + this.leaseMs - this.guardMs;
        } else {
          this.held.delete(key);
          held.controller.abort(new Error(`task ${held.task.id} was taken over by another worker`));
        }
      }
    } catch (error) {
      // Said once per outage; the requests are abandoned by tick() when their leases run short.
      if (!this.failing) this.log(`Could not renew task leases: ${describeError(error)}`);
      this.failing = true;
    } finally {
      this.renewing = false;
    }
  }
}
