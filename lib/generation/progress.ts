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

/** Time left split for display: unknown, nothing left, or hours / minutes / seconds (the largest two units that apply). */
export type EtaParts = { kind: "unknown" } | { kind: "done" } | { kind: "hours"; h: number; m: number } | { kind: "minutes"; m: number; s: number } | { kind: "seconds"; s: number };

export function etaParts(seconds: number | null): EtaParts {
  if (seconds === null) return { kind: "unknown" };
  if (seconds <= 0) return { kind: "done" };
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (h > 0) return { kind: "hours", h, m };
  if (m > 0) return { kind: "minutes", m, s };
  return { kind: "seconds", s };
}

/** "2 h 5 min", "3 min 20 s", "45 s" (English, for logs and the CLI; the UI words etaParts through its catalogue). */
export function formatEta(seconds: number | null): string {
  const eta = etaParts(seconds);
  switch (eta.kind) {
    case "unknown":
      return "estimating…";
    case "done":
      return "done";
    case "hours":
      return `${eta.h} h ${eta.m} min`;
    case "minutes":
      return `${eta.m} min ${eta.s} s`;
    case "seconds":
      return `${eta.s} s`;
  }
}
