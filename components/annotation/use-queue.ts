"use client";

import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import type { AnnotationItem, AnnotationPause } from "@/lib/annotation/contracts";
import { isLeaseUsable, leasesToPassOver } from "@/lib/annotation/queue";
import { prepareMarkdown } from "@/components/markdown/safe-markdown";
import { claimNext, NetworkError } from "./api";
import { useAfterPaint } from "./use-after-paint";
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
 * The annotator's queue in this page: the item on screen, the next one claimed ahead, and the leases
 * already done here (never shown again). The one ahead holds its lease (the server allows two per
 * annotator); its Markdown is parsed in idle time, then it is rendered (hidden, in a transition that a key
 * interrupts), so that a submit swaps it in synchronously, without waiting for the network or a parse.
 */
export function useQueue({ promptSetId, initialItem, initialPause, flush, pendingCount, onOffline, onError, onBack }: QueueOptions) {
  const [item, setShown] = useState<AnnotationItem | null>(initialItem);
  /** The item on screen as of the last change, for answers that arrive later (a claim ahead for an item already gone). */
  const onScreen = useRef<AnnotationItem | null>(initialItem);
  const setItem = useCallback((shown: AnnotationItem | null) => {
    onScreen.current = shown;
    setShown(shown);
  }, []);
  /** The item ahead as rendered (hidden): it follows `ahead` once its Markdown is parsed. */
  const [next, setNext] = useState<AnnotationItem | null>(null);
  /** The item just submitted, kept (clipped) until the next one is painted, then removed in a transition. */
  const [leaving, setLeaving] = useState<AnnotationItem | null>(null);
  useAfterPaint(
    leaving !== null,
    useCallback(() => startTransition(() => setLeaving(null)), []),
  );
  /** The item claimed ahead, from the moment its claim answers: what a submit shows next. */
  const ahead = useRef<AnnotationItem | null>(null);
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

  const claim = useCallback(
    async (current: string | null) => {
      const claimed = await claimNext(promptSetId, leasesToPassOver(current, done.current));
      setPause(claimed.paused ?? null);
      return claimed;
    },
    [promptSetId],
  );

  const prefetch = useCallback(
    async (current: AnnotationItem | null) => {
      if (!current) return;
      try {
        const { item: claimed } = await claim(current.assignmentId);
        if (onScreen.current !== current) return; // Submitted meanwhile: the next fetch ahead starts from the new item.
        const usable = claimed && !done.current.has(claimed.assignmentId) && claimed.assignmentId !== current.assignmentId ? claimed : null;
        ahead.current = usable;
        if (!usable) return startTransition(() => setNext(null));
        await prepareMarkdown([...usable.messages.map((message) => message.content), ...usable.candidates.map((candidate) => candidate.content)]);
        // Unless a submit has shown it already: render it hidden, without holding up a key or a paint.
        if (ahead.current === usable) startTransition(() => setNext(usable));
      } catch {
        if (onScreen.current !== current) return;
        ahead.current = null; // Offline or busy: the next item is fetched when this one is submitted.
        startTransition(() => setNext(null));
      }
    },
    [claim],
  );

  /** Sends the outbox, then fetches the next item if an earlier fetch failed for want of a connection. */
  const resume = useCallback(async () => {
    await flush();
    if (!waitingForNetwork.current) return;
    try {
      const { item: fresh } = await claim(null);
      setWaiting(false);
      callbacks.current.onBack();
      const usable = fresh && !done.current.has(fresh.assignmentId) ? fresh : null;
      setItem(usable);
      if (usable) void prefetch(usable);
    } catch {
      // Still offline: the next "online" event or retry tries again.
    }
  }, [claim, flush, prefetch, setItem]);

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
    const upcoming = ahead.current;
    ahead.current = null;
    if (upcoming && !done.current.has(upcoming.assignmentId) && isLeaseUsable(upcoming, Date.now())) {
      // Synchronous: the item ahead is already in the page (or at least claimed), nothing is awaited.
      setLeaving(item);
      setItem(upcoming);
      setNext(null);
      // After the outbox is sent: the server allows two leases per annotator, and the one just judged
      // still counts until its judgment arrives.
      void flush().then(() => prefetch(upcoming));
      return;
    }
    setNext(null);
    setLoading(true);
    try {
      await flush();
      const { item: fresh } = await claim(null);
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
  }, [claim, flush, item, prefetch, setItem]);

  return { item, next, leaving, pause, isLoading, isWaitingForNetwork, advance };
}
