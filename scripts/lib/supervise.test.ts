import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Backoff, backoffFromEnv, defaultBackoff, stopChild, supervise } from "./supervise";

const node = (code: string) => spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "ignore"] });

describe("supervise", () => {
  it("doubles the wait with each crash in a row, up to the cap, and starts over after a stable run", () => {
    const backoff = new Backoff({ initialMs: 500, maxMs: 4_000, stableAfterMs: 30_000 });
    expect([100, 100, 100, 100, 100].map((ran) => backoff.after(ran))).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect(backoff.after(31_000)).toBe(500);
    expect(backoff.after(10)).toBe(1_000);
  });

  it("restarts a child that exits unexpectedly, logging each restart, and stops for good when asked", async () => {
    const lines: string[] = [];
    let starts = 0;
    const supervised = supervise({
      name: "The crasher",
      // Crashes at once the first three times, then stays up.
      start: () => (++starts <= 3 ? node("process.exit(3)") : node("setInterval(() => {}, 1000)")),
      log: (line) => lines.push(line),
      backoff: { initialMs: 20, maxMs: 1_000, stableAfterMs: 10_000 },
    });
    await expect.poll(() => starts, { timeout: 20_000 }).toBe(4);
    expect(supervised.restarts()).toBe(3);
    expect(lines.filter((line) => line.includes("exited unexpectedly"))).toEqual([
      expect.stringMatching(/^The crasher \(pid \d+\) exited unexpectedly \(exit code 3\); restarting it in 20 ms \(restart 1\)$/),
      expect.stringMatching(/restarting it in 40 ms \(restart 2\)$/),
      expect.stringMatching(/restarting it in 80 ms \(restart 3\)$/),
    ]);
    const running = supervised.current()!;
    await expect.poll(() => running.pid !== undefined, { timeout: 5_000 }).toBe(true);
    await supervised.stop(2_000);
    expect(running.signalCode).toBe("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(starts).toBe(4);
  }, 30_000);

  it("kills a child that ignores SIGTERM once the grace period is over", async () => {
    const stubborn = node("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('ready')");
    // Its SIGTERM handler is in place once it says so.
    await new Promise((resolve) => stubborn.stdout!.once("data", resolve));
    const started = Date.now();
    await stopChild(stubborn, 300);
    expect(stubborn.signalCode).toBe("SIGKILL");
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 30_000);
});

describe("backoffFromEnv", () => {
  it("keeps the default without ARBITER_RESTART_DELAY_MS and takes the first wait from it otherwise", () => {
    expect(backoffFromEnv({})).toEqual(defaultBackoff);
    expect(backoffFromEnv({ ARBITER_RESTART_DELAY_MS: "100" })).toEqual({ initialMs: 100, maxMs: 30_000, stableAfterMs: 30_000 });
    const delays = new Backoff(backoffFromEnv({ ARBITER_RESTART_DELAY_MS: "100" }));
    expect([1, 1, 1, 1, 1].map((ran) => delays.after(ran))).toEqual([100, 200, 400, 800, 1_600]);
  });

  it("refuses a value that is not a whole number of milliseconds up to a minute, naming the variable", () => {
    for (const bad of ["-1", "1.5", "abc", "60001"]) expect(() => backoffFromEnv({ ARBITER_RESTART_DELAY_MS: bad })).toThrow(/ARBITER_RESTART_DELAY_MS must be a whole number/);
  });
});
