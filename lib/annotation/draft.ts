import type { AnnotationItem, AnnotationSetup } from "./contracts";
import { moveItem } from "./ranking";
import type { SubmitJudgmentInput } from "./submission";
import { verdictProblem } from "./verdict";
import type { JudgmentFlag } from "../vocabulary";

/**
 * The judgment in progress on one leased item, and every change an annotator can make to it, as a
 * pure reducer: the workspace dispatches, the browser keeps the result (localStorage) across reloads.
 */
export type Draft = {
  assignmentId: string;
  /** One per judgment attempt, made when the draft is; every resend of this judgment reuses it. */
  idempotencyKey: string;
  startedAt: number;
  verdict: PairwiseChoice | null;
  order: string[];
  tiedWithAbove: boolean[];
  allBad: boolean;
  rationale: string;
  flags: string[];
  rewrite: { parentCandidateId: string; content: string } | null;
};

export type PairwiseChoice = "A" | "B" | "TIE" | "BOTH_BAD";

export type DraftAction =
  | { type: "choose"; verdict: PairwiseChoice }
  | { type: "toggle-all-bad" }
  | { type: "toggle-flag"; flag: JudgmentFlag }
  | { type: "rationale"; text: string }
  /** Starts a rewrite of `parentCandidateId` from its text; a rewrite already begun is kept. */
  | { type: "start-rewrite"; parentCandidateId: string; content: string }
  | { type: "rewrite"; content: string }
  | { type: "remove-rewrite" }
  /** Ranking: moves the answer at `from` to `to`; out of range changes nothing. */
  | { type: "move"; from: number; to: number }
  /** Ranking: ties the answer at `index` with the one above (or unties it); the first has none above. */
  | { type: "toggle-tie"; index: number };

export function freshDraft(item: Pick<AnnotationItem, "assignmentId" | "candidates">, idempotencyKey: string, now: number): Draft {
  return {
    assignmentId: item.assignmentId,
    idempotencyKey,
    startedAt: now,
    verdict: null,
    order: item.candidates.map((candidate) => candidate.id),
    tiedWithAbove: item.candidates.map(() => false),
    allBad: false,
    rationale: "",
    flags: [],
    rewrite: null,
  };
}

/** A stored draft is used only when it is for the same lease and the same candidates. */
export function isDraftFor(draft: Draft | null, item: Pick<AnnotationItem, "assignmentId" | "candidates">): draft is Draft {
  if (!draft || draft.assignmentId !== item.assignmentId) return false;
  const ids = new Set(item.candidates.map((candidate) => candidate.id));
  return draft.order.length === ids.size && draft.order.every((id) => ids.has(id)) && draft.tiedWithAbove.length === draft.order.length;
}

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case "choose":
      return { ...draft, verdict: action.verdict };
    case "toggle-all-bad":
      return { ...draft, allBad: !draft.allBad };
    case "toggle-flag":
      return { ...draft, flags: draft.flags.includes(action.flag) ? draft.flags.filter((flag) => flag !== action.flag) : [...draft.flags, action.flag] };
    case "rationale":
      return { ...draft, rationale: action.text };
    case "start-rewrite":
      return draft.rewrite ? draft : { ...draft, rewrite: { parentCandidateId: action.parentCandidateId, content: action.content } };
    case "rewrite":
      return draft.rewrite ? { ...draft, rewrite: { ...draft.rewrite, content: action.content } } : draft;
    case "remove-rewrite":
      return { ...draft, rewrite: null };
    case "move": {
      const { from, to } = action;
      if (from === to || from < 0 || to < 0 || from >= draft.order.length || to >= draft.order.length) return draft;
      return { ...draft, order: moveItem(draft.order, from, to), tiedWithAbove: moveItem(draft.tiedWithAbove, from, to) };
    }
    case "toggle-tie":
      if (action.index <= 0 || action.index >= draft.tiedWithAbove.length) return draft;
      return { ...draft, tiedWithAbove: draft.tiedWithAbove.map((tied, i) => (i === action.index ? !tied : tied)) };
  }
}

/** The candidate a rewrite improves: the best one so far (ranking: the top; pairwise: B when B won, else A). */
export function bestCandidateId(mode: AnnotationSetup["mode"], item: Pick<AnnotationItem, "candidates">, draft: Draft): string | undefined {
  if (mode === "RANKING") return draft.order[0];
  return draft.verdict === "B" ? item.candidates[1]?.id : item.candidates[0]?.id;
}

export type SubmitProblem = { key: "chooseFirst" | "rationaleNeeded" | "rewriteEmpty" } | { key: "cannotSubmit"; reason: string };

/** The submission for a draft, or the reason it cannot be submitted yet (a catalogue key under `workspace`). */
export function toSubmission(
  setup: Pick<AnnotationSetup, "mode" | "rationaleMode" | "flagsEnabled" | "editsEnabled">,
  item: Pick<AnnotationItem, "assignmentId" | "candidates">,
  draft: Draft,
  now: number,
): { body: SubmitJudgmentInput } | { problem: SubmitProblem } {
  const shown = item.candidates.map((candidate) => candidate.id);
  const verdict: SubmitJudgmentInput["verdict"] | null =
    setup.mode === "PAIRWISE"
      ? draft.verdict && { kind: "pairwise", verdict: draft.verdict }
      : { kind: "ranking", order: draft.order, tiedWithAbove: draft.tiedWithAbove, allBad: draft.allBad };
  const verdictIssue = verdictProblem(setup.mode, shown, verdict);
  if (verdictIssue || !verdict) {
    return { problem: !verdictIssue || (verdictIssue.code === "no-choice" && setup.mode === "PAIRWISE") ? { key: "chooseFirst" } : { key: "cannotSubmit", reason: verdictIssue.message } };
  }
  if (setup.rationaleMode === "REQUIRED" && !draft.rationale.trim()) return { problem: { key: "rationaleNeeded" } };
  if (draft.rewrite && !draft.rewrite.content.trim()) return { problem: { key: "rewriteEmpty" } };
  return {
    body: {
      assignmentId: item.assignmentId,
      idempotencyKey: draft.idempotencyKey,
      shown,
      verdict,
      ...(setup.rationaleMode !== "OFF" && draft.rationale.trim() ? { rationale: draft.rationale } : {}),
      flags: setup.flagsEnabled ? (draft.flags as SubmitJudgmentInput["flags"]) : [],
      ...(setup.editsEnabled && draft.rewrite ? { rewrite: draft.rewrite } : {}),
      timeSpentMs: Math.min(86_400_000, Math.max(0, now - draft.startedAt)),
    },
  };
}
