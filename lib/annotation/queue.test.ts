import { describe, expect, it } from "vitest";
import { isLeaseUsable, leasesToPassOver, MAX_EXCLUDED } from "./queue";

describe("leasesToPassOver", () => {
  it("keeps the item on screen first and the most recent finished leases after it, within the limit", () => {
    const finished = ["d1", "d2", "d3", "d4", "d5", "d6"];
    const ids = leasesToPassOver("now", finished);
    expect(ids).toEqual(["now", "d3", "d4", "d5", "d6"]);
    expect(ids).toHaveLength(MAX_EXCLUDED);
  });

  it("never lists the item on screen twice, and without one keeps the last finished", () => {
    expect(leasesToPassOver("d2", ["d1", "d2"])).toEqual(["d2", "d1"]);
    expect(leasesToPassOver(null, ["d1", "d2", "d3", "d4", "d5", "d6", "d7"])).toEqual(["d3", "d4", "d5", "d6", "d7"]);
    expect(leasesToPassOver(null, [])).toEqual([]);
  });
});

describe("isLeaseUsable", () => {
  const now = Date.parse("2026-11-30T22:00:00Z");
  it("accepts a lease that outlives the margin and refuses one that does not, or an unreadable time", () => {
    expect(isLeaseUsable({ expiresAt: "2026-11-30T22:10:00Z" }, now)).toBe(true);
    expect(isLeaseUsable({ expiresAt: "2026-11-30T22:00:04Z" }, now)).toBe(false);
    expect(isLeaseUsable({ expiresAt: "2026-11-30T21:59:00Z" }, now)).toBe(false);
    expect(isLeaseUsable({ expiresAt: "2026-11-30T22:00:06Z" }, now)).toBe(true);
    expect(isLeaseUsable({ expiresAt: "2026-11-30T22:00:29Z" }, now, 30_000)).toBe(false);
    expect(isLeaseUsable({ expiresAt: "not a time" }, now)).toBe(false);
  });
});
