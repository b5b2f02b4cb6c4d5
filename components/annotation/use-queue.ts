"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AnnotationItem, AnnotationPause } from "@/lib/annotation/contracts";
import { warmMarkdown } from "@/components/markdown/safe-markdown";
import { claimNext, NetworkError } from "./api";
import { loadPending, loadRecentlySent } from "./local-store";

type QueueOptions = {
  promptSetId: string;
  initialItem: AnnotationItem | null;
  /** Set when the annotator is paused in this set (no item comes until an admin resumes them). */
  initialPause: AnnotationPause | null;
  /** The outbox's flush: the queue sends what waits before it claims (the server allows two leases). */
  flush: () => Promise<void>;
  pendingCount: number | null;
  onOffline: () => void;
  onError: (error: unknown) => void;
  onBack: () => void;
};

/**
 * The annotator's queue in this page: the item on screen, the next one claimed ahead (so that it shows
 * at once after a submit), and the leases already done here (never shown again).
 */
export function useQueue({ promptSetId, initialItem, initialPause, flush, pendingCount, onOffline, onError, onBack }: QueueOptions) {
  const [item, setItem] = useState<AnnotationItem | null>(initialItem);
  const [next, setNext] = useState<AnnotationItem | null>(null);
  const [pause, setPause] = useState<AnnotationPause | null>(initialPause);
  const [isLoading, setLoading] = useState(false);
  const [isWaitingForNetwork, setWaitingForNetwork] = useState(false);
  /** The queue could not be reached for the next item: fetch it when the connection returns. */
  const waitingForNetwork = useRef(false);
  /** Leases already submitted from this page (sent or queued): never shown again. */
  const done = useRef(new Set<string>());
  const callbacks = useRef({ onOffline, onError, onBack });
  useEffect(() => {
    callbacks.current = { onOffline, onError, onBack };
  }, [onBack, onError, onOffline]);

  const setWaiting = (waiting: boolean) => {
    waitingForNetwork.current = waiting;
    setWaitingForNetwork(waiting);
  };

  // The item fetched ahead is parsed while the annotator judges this one, so that it shows at once.
  useEffect(() => (next ? warmMarkdown([...next.messages.map((message) => message.content), ...next.candidates.map((candidate) => candidate.content)]) : undefined), [next]);

  const claim = useCallback(
    async (exclude: string[]) => {
      const claimed = await claimNext(promptSetId, exclude.slice(-5));
      setPause(claimed.paused ?? null);
      return claimed;
    },
    [promptSetId],
  );

  const prefetch = useCallback(
    async (current: AnnotationItem | null) => {
      if (!current) return;
      try {
        const { item: ahead } = await claim([current.assignmentId, ...done.current]);
        setNext(ahead && !done.current.has(ahead.assignmentId) && ahead.assignmentId !== current.assignmentId ? ahead : null);
      } catch {
        setNext(null); // Offline or busy: the next item is fetched when this one is submitted.
      }
    },
    [claim],
  );

  /** Sends the outbox, then fetches the next item if an earlier fetch failed for want of a connection. */
  const resume = useCallback(async () => {
    await flush();
    if (!waitingForNetwork.current) return;
    try {
      const { item: fresh } = await claim([...done.current]);
      setWaiting(false);
      callbacks.current.onBack();
      const usable = fresh && !done.current.has(fresh.assignmentId) ? fresh : null;
      setItem(usable);
      if (usable) void prefetch(usable);
    } catch {
      // Still offline: the next "online" event or retry tries again.
    }
  }, [claim, flush, prefetch]);

  // On load: send what an earlier visit left queued; if the item the server resumed is one of those,
  // move past it. Then fetch the next item ahead of time.
  useEffect(() => {
    void (async () => {
      for (const pending of loadPending()) done.current.add(pending.body.assignmentId);
      for (const assignmentId of loadRecentlySent()) done.current.add(assignmentId);
      await flush();
      if (initialItem && done.current.has(initialItem.assignmentId)) {
        setItem(null);
        setWaiting(true);
        await resume();
      } else {
        await prefetch(initialItem);
      }
    })();
    const onOnline = () => void resume();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
    // Once per page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The "online" event is not always fired (a captive portal, a server restart): retry while work waits.
  useEffect(() => {
    if (!pendingCount && !isWaitingForNetwork) return;
    const timer = window.setInterval(() => void resume(), 3_000);
    return () => window.clearInterval(timer);
  }, [isWaitingForNetwork, pendingCount, resume]);

  /** The item on screen is done (submitted or skipped): show the one fetched ahead, or fetch one. */
  const advance = useCallback(async () => {
    if (!item) return;
    done.current.add(item.assignmentId);
    if (next && !done.current.has(next.assignmentId)) {
      const upcoming = next;
      setItem(upcoming);
      setNext(null);
      // After the outbox is sent: the server allows two leases per annotator, and the one just judged
      // still counts until its judgment arrives.
      void flush().then(() => prefetch(upcoming));
      return;
    }
    setLoading(true);
    try {
      await flush();
      const { item: fresh } = await claim([...done.current]);
      setItem(fresh && !done.current.has(fresh.assignmentId) ? fresh : null);
      if (fresh) void prefetch(fresh);
    } catch (error) {
      setItem(null);
      setWaiting(error instanceof NetworkError);
      if (error instanceof NetworkError) callbacks.current.onOffline();
      else callbacks.current.onError(error);
    } finally {
      setLoading(false);
    }
  }, [claim, flush, item, next, prefetch]);

  return { item, next, pause, isLoading, isWaitingForNetwork, advance };
}
