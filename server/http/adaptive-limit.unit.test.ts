// The adaptive admission cap's policy (pure) and its wiring to a gate (a fake gate: the policy's inputs
// are the gate's stats and the event loop's delay, which the test drives by blocking the loop).
import { describe, expect, it } from "vitest";
import { adaptConcurrency, nextLimit } from "./adaptive-limit.mjs";

const bounds = { min: 2, max: 10, targetMs: 20 };

describe("nextLimit: the cap for the next window from the last one's event-loop delay", () => {
  it("comes down by one when the delay passes the target, however far", () => {
    expect(nextLimit(10, { delayMs: 21, waited: true }, bounds)).toBe(9);
    expect(nextLimit(7, { delayMs: 800, waited: false }, bounds)).toBe(6);
    expect(nextLimit(3, { delayMs: 25, waited: true }, bounds)).toBe(2);
  });

  it("never goes under min nor over max", () => {
    expect(nextLimit(2, { delayMs: 500, waited: true }, bounds)).toBe(2);
    expect(nextLimit(10, { delayMs: 0, waited: true }, bounds)).toBe(10);
    // A cap outside the bounds (bounds changed) is brought back into them.
    expect(nextLimit(40, { delayMs: 15, waited: false }, bounds)).toBe(10);
    expect(nextLimit(1, { delayMs: 15, waited: false }, bounds)).toBe(2);
  });

  it("goes up by one when the turns were short (at most half the target) and requests waited for a slot", () => {
    expect(nextLimit(4, { delayMs: 10, waited: true }, bounds)).toBe(5);
    expect(nextLimit(4, { delayMs: 0, waited: true }, bounds)).toBe(5);
  });

  it("holds when nobody waited (no demand for more) or the delay is between half the target and the target", () => {
    expect(nextLimit(4, { delayMs: 0, waited: false }, bounds)).toBe(4);
    expect(nextLimit(4, { delayMs: 10.5, waited: true }, bounds)).toBe(4);
    expect(nextLimit(4, { delayMs: 20, waited: true }, bounds)).toBe(4);
  });

  it("with min = max the cap is fixed", () => {
    const fixed = { min: 6, max: 6, targetMs: 20 };
    expect(nextLimit(6, { delayMs: 100, waited: true }, fixed)).toBe(6);
    expect(nextLimit(6, { delayMs: 0, waited: true }, fixed)).toBe(6);
  });
});

describe("adaptConcurrency: the policy applied to a gate every window", () => {
  function fakeGate() {
    const limits: number[] = [];
    let waited = 0;
    return {
      limits,
      addWaiting: () => (waited += 1),
      setLimit: (limit: number) => limits.push(limit),
      stats: () => ({ active: 0, queued: 0, refused: 0, limit: limits.at(-1) ?? 0, waited }),
    };
  }
  const until = async (what: string, check: () => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const blockLoop = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };

  it("starts at max and lowers the cap by one per window while event-loop turns run long, down to min", async () => {
    const gate = fakeGate();
    const changes: number[] = [];
    const control = adaptConcurrency(gate, { min: 2, max: 8, targetMs: 20, intervalMs: 50, onChange: (limit) => changes.push(limit) });
    try {
      expect(gate.limits).toEqual([8]);
      // Turns of 60 ms, far past the 20 ms target.
      const blocking = setInterval(() => blockLoop(60), 10);
      try {
        await until("the cap at min", () => gate.limits.at(-1) === 2);
      } finally {
        clearInterval(blocking);
      }
      expect(changes).toEqual([7, 6, 5, 4, 3, 2]);
      expect(gate.limits).toEqual([8, 7, 6, 5, 4, 3, 2]);
      // Nobody waits for a slot: however short the turns, the cap stays at min.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(gate.limits).toEqual([8, 7, 6, 5, 4, 3, 2]);
    } finally {
      control.stop();
    }
  });

  it("raises the cap by one per window while the turns are short and requests wait for a slot, up to max", async () => {
    const gate = fakeGate();
    // A target far above anything this shared machine's scheduling adds, so that only the waiting counts.
    const control = adaptConcurrency(gate, { min: 2, max: 5, targetMs: 2_000, initial: 2, intervalMs: 50 });
    const waiting = setInterval(gate.addWaiting, 5);
    try {
      await until("the cap at max", () => gate.limits.at(-1) === 5);
      expect(gate.limits).toEqual([2, 3, 4, 5]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(gate.limits).toEqual([2, 3, 4, 5]);
    } finally {
      clearInterval(waiting);
      control.stop();
    }
  });
});
