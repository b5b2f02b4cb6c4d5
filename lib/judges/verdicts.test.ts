import { describe, expect, it } from "vitest";
import { combineOrders, parsePairwiseVerdict, parseRating, positionConsistency } from "./verdicts";

describe("pairwise verdict parsing (strict)", () => {
  it("takes exactly one of [[A]], [[B]], [[C]]", () => {
    expect(parsePairwiseVerdict("A is more accurate.\n\n[[A]]")).toEqual({ ok: true, token: "A" });
    expect(parsePairwiseVerdict("Both are fine. [[C]]")).toEqual({ ok: true, token: "C" });
    expect(parsePairwiseVerdict("最终裁决：[[B]]")).toEqual({ ok: true, token: "B" });
    expect(parsePairwiseVerdict("[[ B ]]")).toEqual({ ok: true, token: "B" });
  });

  it("never guesses: none, several, or an unknown letter is unparseable with the reason", () => {
    expect(parsePairwiseVerdict("Assistant A is better.")).toEqual({ ok: false, reason: expect.stringContaining("no verdict token") });
    expect(parsePairwiseVerdict("[A]")).toMatchObject({ ok: false });
    expect(parsePairwiseVerdict("Not [[B]] but [[A]]")).toEqual({ ok: false, reason: expect.stringContaining("2 verdict tokens") });
    expect(parsePairwiseVerdict("[[A]] ... final: [[A]]")).toMatchObject({ ok: false });
    expect(parsePairwiseVerdict("[[D]]")).toEqual({ ok: false, reason: expect.stringContaining("[[D]] is not a verdict token") });
    expect(parsePairwiseVerdict("")).toMatchObject({ ok: false });
  });
});

describe("rating parsing (strict)", () => {
  it("takes one whole number from 1 to 10", () => {
    expect(parseRating("Good answer.\nRating: [[7]]")).toEqual({ ok: true, rating: 7 });
    expect(parseRating("Rating: [[10]]")).toEqual({ ok: true, rating: 10 });
    expect(parseRating("评分：[[1]]")).toEqual({ ok: true, rating: 1 });
  });

  it("refuses decimals, out-of-range, missing and repeated ratings", () => {
    expect(parseRating("Rating: [[7.5]]")).toEqual({ ok: false, reason: expect.stringContaining("not a whole-number rating") });
    expect(parseRating("Rating: [[0]]")).toEqual({ ok: false, reason: "rating 0 is outside 1-10" });
    expect(parseRating("Rating: [[11]]")).toMatchObject({ ok: false });
    expect(parseRating("Rating: 7")).toEqual({ ok: false, reason: expect.stringContaining("no rating token") });
    expect(parseRating("[[6]] or [[7]]")).toEqual({ ok: false, reason: expect.stringContaining("2 rating tokens") });
    expect(parseRating("Rating: [[seven]]")).toMatchObject({ ok: false });
  });
});

describe("both orders", () => {
  const v = (token: "A" | "B" | "C") => ({ ok: true as const, token });
  const bad = { ok: false as const, reason: "no verdict token" };

  it("keeps a verdict both orders agree on, in terms of the pair", () => {
    // First order shows X as A; second shows Y as A.
    expect(combineOrders(v("A"), v("B"))).toEqual({ verdict: "X", favoured: null });
    expect(combineOrders(v("B"), v("A"))).toEqual({ verdict: "Y", favoured: null });
    expect(combineOrders(v("C"), v("C"))).toEqual({ verdict: "tie", favoured: null });
  });

  it("records a flip as inconsistent and which position the judge favoured", () => {
    expect(combineOrders(v("A"), v("A"))).toEqual({ verdict: "inconsistent", favoured: "first" });
    expect(combineOrders(v("B"), v("B"))).toEqual({ verdict: "inconsistent", favoured: "second" });
    expect(combineOrders(v("A"), v("C"))).toEqual({ verdict: "inconsistent", favoured: null });
    expect(combineOrders(bad, v("A"))).toEqual({ verdict: "unparseable", favoured: null });
  });

  it("counts the position-consistency rate over parsed pairs only", () => {
    const tally = positionConsistency([
      combineOrders(v("A"), v("B")),
      combineOrders(v("C"), v("C")),
      combineOrders(v("A"), v("A")),
      combineOrders(v("A"), v("A")),
      combineOrders(v("B"), v("B")),
      combineOrders(bad, v("A")),
    ]);
    expect(tally).toEqual({ judged: 5, consistent: 2, inconsistent: 3, favouredFirst: 2, favouredSecond: 1, unparseable: 1, rate: 2 / 5 });
    expect(positionConsistency([]).rate).toBeNull();
  });
});
