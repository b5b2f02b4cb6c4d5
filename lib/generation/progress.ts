// A run's progress as the UI shows it: counts, throughput over a recent window, time left.

export type RunCounts = { total: number; succeeded: number; failed: number; running: number; pending: number; cancelled: number };

export type ProgressFigures = {
  done: number;
  failed: number;
  remaining: number;
  /** 0..100, done and failed both count as finished. */
  percent: number;
  /** Candidates per second over the window, or null before anything finished. */
  throughput: number | null;
  /** Seconds left at that throughput, null when unknown; 0 when nothing remains. */
  etaSeconds: number | null;
};

/**
 * `recentDone` is how many finished in the last `windowMs` (or since the run started, when that is
 * shorter: `elapsedMs`), so throughput follows the current pace rather than the whole run's average.
 */
export function progressFigures(counts: RunCounts, recentDone: number, windowMs: number, elapsedMs: number): ProgressFigures {
  const remaining = counts.pending + counts.running;
  const finished = counts.succeeded + counts.failed;
  const percent = counts.total === 0 ? 100 : Math.floor((finished / counts.total) * 1000) / 10;
  const span = Math.min(windowMs, Math.max(elapsedMs, 0));
  const throughput = recentDone > 0 && span > 0 ? recentDone / (span / 1000) : null;
  const etaSeconds = remaining === 0 ? 0 : throughput ? Math.ceil(remaining / throughput) : null;
  return { done: counts.succeeded, failed: counts.failed, remaining, percent, throughput, etaSeconds };
}

/** "2 h 5 min", "3 min 20 s", "45 s". */
export function formatEta(seconds: number | null): string {
  if (seconds === null) return "estimating…";
  if (seconds <= 0) return "done";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}
