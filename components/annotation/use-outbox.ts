"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isApiError, NetworkError, sendJudgment } from "./api";
import type { JudgeSuggestion } from "@/lib/annotation/contracts";
import { oneAtATime } from "@/lib/annotation/one-at-a-time";
import { addPending, loadPending, removePending, type PendingSubmission } from "./local-store";

/**
 * The offline outbox: submissions are queued in localStorage first, then sent; a resend after a lost
 * reply is harmless (each carries its idempotency key). `pendingCount` is null until the browser's
 * queue has been read (after mount: the server-rendered page cannot know it).
 */
export function useOutbox({
  onRefused,
  onSuggestion,
}: {
  onRefused: (error: unknown) => void;
  /** A model judge's verdict on the pair just submitted, when the set shows suggestions after submitting. */
  onSuggestion: (suggestion: JudgeSuggestion, shown: readonly string[]) => void;
}) {
  const [pendingCount, setPendingCount] = useState<number | null>(null);
  const refused = useRef(onRefused);
  const suggested = useRef(onSuggestion);
  useEffect(() => {
    refused.current = onRefused;
    suggested.current = onSuggestion;
  }, [onRefused, onSuggestion]);

  /** Sends every queued submission, oldest first; stops at the first that cannot reach the server. */
  const sendAll = useCallback(async () => {
    try {
      for (const pending of loadPending()) {
        try {
          const { judgment } = await sendJudgment(pending.body);
          removePending(pending.body.idempotencyKey);
          if (judgment.judgeSuggestion) suggested.current(judgment.judgeSuggestion, pending.body.shown);
        } catch (error) {
          if (error instanceof NetworkError || (isApiError(error) && (error.status >= 500 || error.status === 401))) break;
          // The server refused it for good (a conflict, invalid input): keep nothing that cannot be sent.
          removePending(pending.body.idempotencyKey);
          refused.current(error);
        }
      }
    } finally {
      setPendingCount(loadPending().length);
    }
  }, []);

  /**
   * One flush at a time. Resolves once everything queued before the call has been tried: a call during a
   * flush (which read the outbox before this submission was queued) waits for one more flush after it, so
   * that a claim made afterwards never finds the judgment just queued still unsent.
   */
  const flush = useMemo(() => oneAtATime(sendAll), [sendAll]);

  /** Queues a submission before anything is sent: a lost connection or a closed tab keeps it. */
  const enqueue = useCallback((submission: PendingSubmission) => {
    addPending(submission);
    setPendingCount(loadPending().length);
  }, []);

  return { pendingCount, flush, enqueue };
}
