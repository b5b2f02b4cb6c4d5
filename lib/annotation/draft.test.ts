import { describe, expect, it } from "vitest";
import { bestCandidateId, draftReducer, freshDraft, isDraftFor, toSubmission, type Draft } from "./draft";

const item = { assignmentId: "00000000-0000-4000-8000-00000000000a", candidates: [{ id: "c1", content: "one" }, { id: "c2", content: "two" }, { id: "c3", content: "three" }] };
const pair = { assignmentId: item.assignmentId, candidates: item.candidates.slice(0, 2) };
const key = "k".repeat(20);
const pairwise = { mode: "PAIRWISE", rationaleMode: "OPTIONAL", flagsEnabled: true, editsEnabled: true } as const;
const ranking = { ...pairwise, mode: "RANKING" } as const;

const start = (candidates = item) => freshDraft(candidates, key, 1_000);
const apply = (draft: Draft, ...actions: Parameters<typeof draftReducer>[1][]) => actions.reduce(draftReducer, draft);

describe("draftReducer", () => {
  it("starts empty in the shown order", () => {
    expect(start()).toEqual({ assignmentId: item.assignmentId, idempotencyKey: key, startedAt: 1_000, verdict: null, order: ["c1", "c2", "c3"], tiedWithAbove: [false, false, false], allBad: false, rationale: "", flags: [], rewrite: null });
  });

  it("chooses, rechooses and toggles flags and all-bad without touching the rest", () => {
    const draft = apply(start(pair), { type: "choose", verdict: "A" }, { type: "choose", verdict: "TIE" }, { type: "toggle-flag", flag: "UNSAFE" }, { type: "toggle-flag", flag: "REFUSAL" }, { type: "toggle-flag", flag: "UNSAFE" }, { type: "toggle-all-bad" });
    expect(draft).toMatchObject({ verdict: "TIE", flags: ["REFUSAL"], allBad: true, order: ["c1", "c2"] });
  });

  it("moves answers with their ties, and ignores moves out of range", () => {
    const tied = apply(start(), { type: "toggle-tie", index: 2 });
    expect(tied.tiedWithAbove).toEqual([false, false, true]);
    const moved = apply(tied, { type: "move", from: 2, to: 0 });
    expect(moved.order).toEqual(["c3", "c1", "c2"]);
    expect(moved.tiedWithAbove).toEqual([true, false, false]);
    expect(apply(moved, { type: "move", from: 0, to: -1 })).toBe(moved);
    expect(apply(moved, { type: "move", from: 2, to: 3 })).toBe(moved);
  });

  it("never ties the first answer with one above it", () => {
    const draft = start();
    expect(apply(draft, { type: "toggle-tie", index: 0 })).toBe(draft);
    expect(apply(draft, { type: "toggle-tie", index: 1 }, { type: "toggle-tie", index: 1 }).tiedWithAbove).toEqual([false, false, false]);
  });

  it("starts a rewrite once from the parent's text, edits it and removes it", () => {
    const begun = apply(start(), { type: "start-rewrite", parentCandidateId: "c2", content: "two" }, { type: "start-rewrite", parentCandidateId: "c1", content: "one" });
    expect(begun.rewrite).toEqual({ parentCandidateId: "c2", content: "two" });
    expect(apply(begun, { type: "rewrite", content: "two, better" }).rewrite).toEqual({ parentCandidateId: "c2", content: "two, better" });
    expect(apply(begun, { type: "remove-rewrite" }).rewrite).toBeNull();
    expect(apply(start(), { type: "rewrite", content: "x" }).rewrite).toBeNull();
  });

  it("keeps the rationale as typed", () => {
    expect(apply(start(), { type: "rationale", text: "B 更直接 " }).rationale).toBe("B 更直接 ");
  });
});

describe("isDraftFor and bestCandidateId", () => {
  it("accepts a stored draft only for the same lease and candidates", () => {
    expect(isDraftFor(start(), item)).toBe(true);
    expect(isDraftFor(start(), { ...item, assignmentId: "other" })).toBe(false);
    expect(isDraftFor(start(), pair)).toBe(false);
    expect(isDraftFor(null, item)).toBe(false);
  });

  it("names the answer a rewrite improves", () => {
    expect(bestCandidateId("PAIRWISE", pair, apply(start(pair), { type: "choose", verdict: "B" }))).toBe("c2");
    expect(bestCandidateId("PAIRWISE", pair, start(pair))).toBe("c1");
    expect(bestCandidateId("RANKING", item, apply(start(), { type: "move", from: 1, to: 0 }))).toBe("c2");
  });
});

describe("toSubmission", () => {
  it("asks for a choice first in pairwise mode", () => {
    expect(toSubmission(pairwise, pair, start(pair), 2_000)).toEqual({ problem: { key: "chooseFirst" } });
  });

  it("asks for a required rationale and refuses an empty rewrite", () => {
    const chosen = apply(start(pair), { type: "choose", verdict: "A" });
    expect(toSubmission({ ...pairwise, rationaleMode: "REQUIRED" }, pair, apply(chosen, { type: "rationale", text: "  " }), 2_000)).toEqual({ problem: { key: "rationaleNeeded" } });
    expect(toSubmission(pairwise, pair, apply(chosen, { type: "start-rewrite", parentCandidateId: "c1", content: " " }), 2_000)).toEqual({ problem: { key: "rewriteEmpty" } });
  });

  it("builds the body: verdict, trimmed-away empty rationale, flags only when enabled, time spent", () => {
    const draft = apply(start(pair), { type: "choose", verdict: "B" }, { type: "toggle-flag", flag: "UNSAFE" }, { type: "rationale", text: "B names itself" });
    expect(toSubmission(pairwise, pair, draft, 4_500)).toEqual({
      body: { assignmentId: item.assignmentId, idempotencyKey: key, shown: ["c1", "c2"], verdict: { kind: "pairwise", verdict: "B" }, rationale: "B names itself", flags: ["UNSAFE"], timeSpentMs: 3_500 },
    });
    const quiet = toSubmission({ ...pairwise, flagsEnabled: false, rationaleMode: "OFF" }, pair, draft, 4_500);
    expect(quiet).toMatchObject({ body: { flags: [] } });
    expect("body" in quiet && "rationale" in quiet.body).toBe(false);
  });

  it("submits a ranking with its ties and the rewrite", () => {
    const draft = apply(start(), { type: "move", from: 2, to: 0 }, { type: "toggle-tie", index: 1 }, { type: "start-rewrite", parentCandidateId: "c3", content: "three, fixed" });
    expect(toSubmission(ranking, item, draft, 1_000)).toEqual({
      body: { assignmentId: item.assignmentId, idempotencyKey: key, shown: ["c1", "c2", "c3"], verdict: { kind: "ranking", order: ["c3", "c1", "c2"], tiedWithAbove: [false, true, false], allBad: false }, flags: [], rewrite: { parentCandidateId: "c3", content: "three, fixed" }, timeSpentMs: 0 },
    });
  });
});
