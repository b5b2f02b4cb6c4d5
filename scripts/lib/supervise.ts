import type { ChildProcess } from "node:child_process";

// `npm start` keeps what it starts running: a child that exits when nobody asked it to is started
// again after a backoff that doubles with each crash in a row (0.5 s, 1 s, 2 s ... 30 s) and starts
// over once a child has stayed up for a while. Every restart is logged.

export type BackoffOptions = { initialMs?: number; maxMs?: number; stableAfterMs?: number };

export type Supervised = {
  /** The running child (undefined between a crash and its restart). */
  current(): ChildProcess | undefined;
  restarts(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; no restart after this. */
  stop(graceMs: number): Promise<void>;
};

/** Doubles from `initialMs` to `maxMs` with each crash in a row; back to `initialMs` after a stable run. */
export class Backoff {
  private next: number;
  constructor(private readonly options: Required<BackoffOptions>) {
    this.next = options.initialMs;
  }
  /** The wait before the next restart, given how long the last run lasted. */
  after(ranMs: number): number {
    if (ranMs >= this.options.stableAfterMs) this.next = this.options.initialMs;
    const wait = this.next;
    this.next = Math.min(this.next * 2, this.options.maxMs);
    return wait;
  }
}

export const defaultBackoff: Required<BackoffOptions> = { initialMs: 500, maxMs: 30_000, stableAfterMs: 30_000 };

/**
 * The backoff `npm start` uses: the default, with the first wait from ARBITER_RESTART_DELAY_MS when set
 * (0 to 60000). The crash-loop test sets it low so that five crashes in a row cost 3 s of waiting, not 15.5 s.
 */
export function backoffFromEnv(env: Record<string, string | undefined> = process.env): Required<BackoffOptions> {
  const text = env.ARBITER_RESTART_DELAY_MS;
  if (text === undefined || text.trim() === "") return defaultBackoff;
  const initialMs = Number(text);
  if (!Number.isInteger(initialMs) || initialMs < 0 || initialMs > 60_000) {
    throw new Error(`ARBITER_RESTART_DELAY_MS must be a whole number of milliseconds from 0 to 60000 (the first wait before restarting a crashed process), got "${text}".`);
  }
  return { ...defaultBackoff, initialMs, maxMs: Math.max(initialMs, defaultBackoff.maxMs) };
}

export function supervise({
  name,
  start,
  log,
  backoff = {},
}: {
  name: string;
  start: () => ChildProcess;
  log: (line: string) => void;
  backoff?: BackoffOptions;
}): Supervised {
  const delays = new Backoff({ ...defaultBackoff, ...backoff });
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;

  const launch = () => {
    const startedAt = Date.now();
    const current = start();
    child = current;
    current.once("exit", (code, signal) => {
      if (child === current) child = undefined;
      if (stopping) return;
      const wait = delays.after(Date.now() - startedAt);
      restarts += 1;
      log(`${name} (pid ${current.pid}) exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); restarting it in ${formatMs(wait)} (restart ${restarts})`);
      timer = setTimeout(() => {
        timer = undefined;
        if (stopping) return;
        launch();
        log(`${name} restarted (pid ${child?.pid})`);
      }, wait);
    });
  };
  launch();

  return {
    current: () => child,
    restarts: () => restarts,
    async stop(graceMs) {
      stopping = true;
      clearTimeout(timer);
      await stopChild(child, graceMs);
    },
  };
}

/** SIGTERM, then SIGKILL if the child is still there after `graceMs`. */
export async function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
