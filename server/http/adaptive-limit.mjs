// Plain JavaScript (scripts/serve.mjs loads it under plain node, outside Next): the admission cap, adapted
// to the event loop's delay unless ARBITER_HTTP_CONCURRENCY fixes it.
//
// Why: every request inside Next adds its continuations to the event-loop turns (a database answer, the
// next step of a web stream), so a turn's length grows with the requests admitted, and anything that is
// not one of them (a health probe, the first byte of another reply) waits for the turn to end. A fixed cap
// is either too high for a saturated machine (long turns: /api/health p99 81-94 ms at 10 on 2 cores) or
// too low for an idle one (the app waits on Postgres with its CPU free: 15 % fewer judgments/s at 4). The
// delay itself says which: when a window's turns run long the cap comes down by one, and when they are
// short while requests had to wait for a slot it goes up by one, always within [min, max].

import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * The policy, pure: the cap for the next window from the last one's event-loop delay (`delayMs`, its p99
 * beyond the timer's own interval) and whether any request waited for a slot in it (`waited`).
 * Above `targetMs`: down by one. At or below half of it, with requests waiting: up by one. Otherwise
 * unchanged. Never outside [min, max]. One step a window either way: the delay also rises when other
 * processes take the cores (this process descheduled, whatever its cap), and a cap that fell fast on such
 * noise would cost throughput for nothing; `min` bounds what noise can cost.
 */
export function nextLimit(limit, { delayMs, waited }, { min, max, targetMs }) {
  let next = limit;
  if (delayMs > targetMs) next = limit - 1;
  else if (waited && delayMs <= targetMs / 2) next = limit + 1;
  return Math.max(min, Math.min(max, next));
}

/** The delay monitor's timer interval, ms: short enough to sample turns of a few ms. */
const RESOLUTION_MS = 5;

/**
 * Adapts `gate`'s cap every `intervalMs` (250) with `nextLimit`, starting at `initial` (`max`). `onChange(limit)` is told
 * of each change. Returns `stop()`. The monitor is a libuv timer in C++ (perf_hooks), not a JS callback per
 * sample, and the window's timer is unref'd: neither keeps the process alive.
 */
export function adaptConcurrency(gate, { min, max, targetMs, initial = max, intervalMs = 250, onChange = () => {} }) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let limit = Math.max(min, Math.min(max, initial));
  gate.setLimit(limit);
  let waitedBefore = gate.stats().waited;
  const timer = setInterval(() => {
    // Each sample is the time between two firings of a RESOLUTION_MS timer: the turn's excess is beyond it.
    const delayMs = histogram.count > 0 ? Math.max(0, histogram.percentile(99) / 1e6 - RESOLUTION_MS) : 0;
    histogram.reset();
    const { waited, queued } = gate.stats();
    const next = nextLimit(limit, { delayMs, waited: waited > waitedBefore || queued > 0 }, { min, max, targetMs });
    waitedBefore = waited;
    if (next !== limit) {
      limit = next;
      gate.setLimit(limit);
      onChange(limit);
    }
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
