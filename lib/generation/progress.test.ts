import { describe, expect, it } from "vitest";
import { etaParts, formatEta, progressFigures } from "./progress";

const counts = (over: Partial<Parameters<typeof progressFigures>[0]>) => ({ total: 100, succeeded: 0, failed: 0, running: 0, pending: 100, cancelled: 0, ...over });

describe("run progress", () => {
  it("counts failures as finished and measures throughput over the recent window", () => {
    const figures = progressFigures(counts({ succeeded: 40, failed: 10, running: 5, pending: 45 }), 20, 10_000, 60_000);
    expect(figures).toEqual({ done: 40, failed: 10, remaining: 50, percent: 50, throughput: 2, etaSeconds: 25 });
  });

  it("uses the elapsed time when the run is younger than the window", () => {
    expect(progressFigures(counts({ succeeded: 10, pending: 90 }), 10, 30_000, 5_000).throughput).toBe(2);
  });

  it("has no throughput or ETA before anything finished, and nothing left at the end", () => {
    expect(progressFigures(counts({}), 0, 10_000, 1_000)).toMatchObject({ throughput: null, etaSeconds: null, percent: 0 });
    expect(progressFigures(counts({ succeeded: 100, pending: 0 }), 0, 10_000, 1_000)).toMatchObject({ etaSeconds: 0, percent: 100, remaining: 0 });
    expect(progressFigures({ total: 0, succeeded: 0, failed: 0, running: 0, pending: 0, cancelled: 0 }, 0, 1, 1).percent).toBe(100);
  });

  it("formats time left for people", () => {
    expect([null, 0, 45, 200, 7500].map(formatEta)).toEqual(["estimating…", "done", "45 s", "3 min 20 s", "2 h 5 min"]);
  });

  it("splits time left into the units the catalogues word", () => {
    expect([null, -1, 45, 200, 7500, 3600].map(etaParts)).toEqual([
      { kind: "unknown" },
      { kind: "done" },
      { kind: "seconds", s: 45 },
      { kind: "minutes", m: 3, s: 20 },
      { kind: "hours", h: 2, m: 5 },
      { kind: "hours", h: 1, m: 0 },
    ]);
  });
});
