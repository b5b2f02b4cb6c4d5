"use client";

import type { Draft } from "@/lib/annotation/draft";
import type { SubmitJudgmentInput } from "@/lib/annotation/submission";

// The browser's copy of work not yet on the server: the judgment in progress per lease (survives a
// reload) and the submissions waiting to be sent (survive going offline, a reload, a closed tab).

export type { Draft };

export type PendingSubmission = { promptSetId: string; body: SubmitJudgmentInput; queuedAt: number };

const draftKey = (assignmentId: string) => `arbiter:draft:${assignmentId}`;
const PENDING_KEY = "arbiter:pending";
const SENT_KEY = "arbiter:sent";
const SENT_REMEMBERED = 20;

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

/** Takes a submission off the queue once the server has it, remembering its lease as done. */
export function removePending(idempotencyKey: string): void {
  const pending = loadPending();
  const sent = pending.find((entry) => entry.body.idempotencyKey === idempotencyKey);
  window.localStorage.setItem(PENDING_KEY, JSON.stringify(pending.filter((entry) => entry !== sent)));
  if (sent) window.localStorage.setItem(SENT_KEY, JSON.stringify([...loadRecentlySent(), sent.body.assignmentId].slice(-SENT_REMEMBERED)));
}

/**
 * Leases whose judgments were sent lately. A page rendered while such a judgment was still on its way
 * (sent by the previous page as it unloaded) offers that lease again: the workspace moves past it.
 */
export function loadRecentlySent(): string[] {
  return read<string[]>(SENT_KEY) ?? [];
}

export function newIdempotencyKey(): string {
  return `j-${crypto.randomUUID()}`;
}
