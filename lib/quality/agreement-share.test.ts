import { describe, expect, it } from "vitest";
import { majorityAgreement, verdictKey } from "./agreement-share";

describe("majority agreement", () => {
  it("is the share of verdicts equal to the most common one", () => {
    expect(majorityAgreement(["a", "a", "b"])).toBeCloseTo(2 / 3);
    expect(majorityAgreement(["a", "b", "c", "a", "a"])).toBe(0.6);
    expect(majorityAgreement(["a"])).toBe(1);
    expect(majorityAgreement([])).toBeNull();
  });

  it("keys a verdict by candidate, whatever order it was shown in", () => {
    expect(verdictKey([{ candidateId: "y", rank: 2 }, { candidateId: "x", rank: 1 }])).toBe(verdictKey([{ candidateId: "x", rank: 1 }, { candidateId: "y", rank: 2 }]));
    expect(verdictKey([{ candidateId: "x", rank: 1 }, { candidateId: "y", rank: 2 }])).not.toBe(verdictKey([{ candidateId: "x", rank: 2 }, { candidateId: "y", rank: 1 }]));
    expect(verdictKey([{ candidateId: "y", rank: null }, { candidateId: "x", rank: null }])).toBe("bad:x,y");
  });
});
