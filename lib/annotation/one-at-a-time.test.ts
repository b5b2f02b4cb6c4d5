import { describe, expect, it } from "vitest";
import { oneAtATime } from "./one-at-a-time";

/** A task whose runs finish when the test says so. */
function controlledTask() {
  const runs: { finish: () => void; fail: () => void }[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const task = () =>
    new Promise<void>((resolve, reject) => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      const end = (done: () => void) => () => {
        concurrent -= 1;
        done();
      };
      runs.push({ finish: end(resolve), fail: end(() => reject(new Error("run failed"))) });
    });
  return { task, runs, maxConcurrent: () => maxConcurrent };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("oneAtATime", () => {
  it("never runs twice at once, and a call during a run resolves only after one more run", async () => {
    const { task, runs, maxConcurrent } = controlledTask();
    const flush = oneAtATime(task);
    const order: string[] = [];
    void flush().then(() => order.push("first"));
    void flush().then(() => order.push("second"));
    void flush().then(() => order.push("third"));
    await settled();
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await settled();
    expect(order).toEqual(["first"]);
    // The two calls made during the first run share the one run after it.
    expect(runs).toHaveLength(2);
    runs[1]!.finish();
    await settled();
    expect(order).toEqual(["first", "second", "third"]);
    expect(maxConcurrent()).toBe(1);
  });

  it("a failed run passes its failure to its own callers and the next call still runs", async () => {
    const { task, runs } = controlledTask();
    const flush = oneAtATime(task);
    const first = flush();
    const second = flush();
    runs[0]!.fail();
    await expect(first).rejects.toThrow("run failed");
    await settled();
    expect(runs).toHaveLength(2);
    runs[1]!.finish();
    await expect(second).resolves.toBeUndefined();
    const third = flush();
    await settled();
    expect(runs).toHaveLength(3);
    runs[2]!.finish();
    await expect(third).resolves.toBeUndefined();
  });
});
