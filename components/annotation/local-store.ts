"use client";

import type { SubmitJudgmentInput } from "@/lib/annotation/submission";

// The browser's copy of work not yet on the server: the judgment in progress per lease (survives a
// reload) and the submissions waiting to be sent (survive going offline, a reload, a closed tab).

export type Draft = {
  assignmentId: string;
  /** One per judgment attempt, made when the draft is; every resend of this judgment reuses it. */
  idempotencyKey: string;
  startedAt: number;
  verdict: "A" | "B" | "TIE" | "BOTH_BAD" | null;
  order: string[];
  tiedWithAbove: boolean[];
  allBad: boolean;
  rationale: string;
  flags: string[];
  rewrite: { parentCandidateId: string; content: string } | null;
};

export type PendingSubmission = { promptSetId: string; body: SubmitJudgmentInput; queuedAt: number };

const draftKey = (assignmentId: string) => `arbiter:draft:${assignmentId}`;
const PENDING_KEY = "arbiter:pending";

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function loadDraft(assignmentId: string): Draft | null {
  return read<Draft>(draftKey(assignmentId));
}

export function saveDraft(draft: Draft): void {
  window.localStorage.setItem(draftKey(draft.assignmentId), JSON.stringify(draft));
}

export function removeDraft(assignmentId: string): void {
  window.localStorage.removeItem(draftKey(assignmentId));
}

export function loadPending(): PendingSubmission[] {
  return read<PendingSubmission[]>(PENDING_KEY) ?? [];
}

/** Queues a submission; the same idempotency key is queued once. */
export function addPending(submission: PendingSubmission): void {
  const pending = loadPending().filter((entry) => entry.body.idempotencyKey !== submission.body.idempotencyKey);
  window.localStorage.setItem(PENDING_KEY, JSON.stringify([...pending, submission]));
}

export function removePending(idempotencyKey: string): void {
  window.localStorage.setItem(PENDING_KEY, JSON.stringify(loadPending().filter((entry) => entry.body.idempotencyKey !== idempotencyKey)));
}

export function newIdempotencyKey(): string {
  return `j-${crypto.randomUUID()}`;
}
