"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { commandFor, type AnnotationCommand } from "@/lib/annotation/keyboard";
import { moveItem } from "@/lib/annotation/ranking";
import type { SubmitJudgmentInput } from "@/lib/annotation/submission";
import { verdictProblem } from "@/lib/annotation/verdict";
import { judgmentFlags } from "@/lib/vocabulary";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { AnnotationItem, AnnotationSetup } from "@/lib/annotation/contracts";
import { SafeMarkdown, warmMarkdown } from "@/components/markdown/safe-markdown";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { claimNext, isApiError, NetworkError, sendJudgment, sendSkip } from "./api";
import { ConversationView } from "./conversation-view";
import { DiffView } from "./diff-view";
import { HelpOverlay } from "./help-overlay";
import { addPending, loadDraft, loadPending, loadRecentlySent, newIdempotencyKey, removeDraft, removePending, saveDraft, type Draft } from "./local-store";
import { Overlay } from "./overlay";
import { PairwiseView } from "./pairwise-view";
import { RankingView } from "./ranking-view";

const letter = (index: number) => String.fromCharCode(65 + index);

function freshDraft(item: AnnotationItem): Draft {
  return {
    assignmentId: item.assignmentId,
    idempotencyKey: newIdempotencyKey(),
    startedAt: Date.now(),
    verdict: null,
    order: item.candidates.map((candidate) => candidate.id),
    tiedWithAbove: item.candidates.map(() => false),
    allBad: false,
    rationale: "",
    flags: [],
    rewrite: null,
  };
}

function draftFor(item: AnnotationItem): Draft {
  const stored = typeof window === "undefined" ? null : loadDraft(item.assignmentId);
  const ids = new Set(item.candidates.map((candidate) => candidate.id));
  if (stored && stored.order.length === ids.size && stored.order.every((id) => ids.has(id))) return stored;
  return freshDraft(item);
}

type SubmitProblem = { key: "chooseFirst" | "rationaleNeeded" | "rewriteEmpty" } | { key: "cannotSubmit"; reason: string };

/** The submission for a draft, or the reason it cannot be submitted yet. */
function toSubmission(setup: AnnotationSetup, item: AnnotationItem, draft: Draft): { body: SubmitJudgmentInput } | { problem: SubmitProblem } {
  const shown = item.candidates.map((candidate) => candidate.id);
  const verdict: SubmitJudgmentInput["verdict"] | null =
    setup.mode === "PAIRWISE"
      ? draft.verdict && { kind: "pairwise", verdict: draft.verdict }
      : { kind: "ranking", order: draft.order, tiedWithAbove: draft.tiedWithAbove, allBad: draft.allBad };
  const verdictIssue = verdictProblem(setup.mode, shown, verdict);
  if (verdictIssue) return { problem: verdictIssue.code === "no-choice" && setup.mode === "PAIRWISE" ? { key: "chooseFirst" } : { key: "cannotSubmit", reason: verdictIssue.message } };
  if (setup.rationaleMode === "REQUIRED" && !draft.rationale.trim()) return { problem: { key: "rationaleNeeded" } };
  if (draft.rewrite && !draft.rewrite.content.trim()) return { problem: { key: "rewriteEmpty" } };
  return {
    body: {
      assignmentId: item.assignmentId,
      idempotencyKey: draft.idempotencyKey,
      shown,
      verdict: verdict!,
      ...(setup.rationaleMode !== "OFF" && draft.rationale.trim() ? { rationale: draft.rationale } : {}),
      flags: setup.flagsEnabled ? (draft.flags as SubmitJudgmentInput["flags"]) : [],
      ...(setup.editsEnabled && draft.rewrite ? { rewrite: draft.rewrite } : {}),
      timeSpentMs: Math.min(86_400_000, Math.max(0, Date.now() - draft.startedAt)),
    },
  };
}

export function AnnotationWorkspace({ setup, initialItem }: { setup: AnnotationSetup; initialItem: AnnotationItem | null }) {
  const t = useTranslations("workspace");
  const tv = useTranslations("vocabulary");
  const errorText = useErrorText();
  const [item, setItem] = useState<AnnotationItem | null>(initialItem);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [next, setNext] = useState<AnnotationItem | null>(null);
  const [loading, setLoading] = useState(false);
  /** Null until the browser's queue was read (after mount): the server-rendered page cannot know it. */
  const [pendingCount, setPendingCount] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [panel, setPanel] = useState<"help" | "guidelines" | "skip" | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [focused, setFocused] = useState(0);
  const [skipReason, setSkipReason] = useState("");
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const rewriteRef = useRef<HTMLTextAreaElement>(null);
  const flushing = useRef(false);
  /** The queue could not be reached for the next item: fetch it when the connection returns. */
  const waitingForNetwork = useRef(false);
  const [isWaitingForNetwork, setWaitingForNetwork] = useState(false);
  /** Leases already submitted from this page (sent or queued): never shown again. */
  const done = useRef(new Set<string>());

  // The draft of the item on screen: restored from the browser when there is one (a reload).
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the draft lives in localStorage, which only exists after mount
    setDraft(item ? draftFor(item) : null);
    setFocused(0);
    // A text box of the previous item must not swallow the next item's shortcuts.
    const active = document.activeElement as HTMLElement | null;
    if (active && (active.tagName === "TEXTAREA" || active.tagName === "INPUT")) active.blur();
  }, [item]);

  useEffect(() => {
    if (draft) saveDraft(draft);
  }, [draft]);

  // The item fetched ahead is parsed while the annotator judges this one, so that it shows at once.
  useEffect(() => (next ? warmMarkdown([...next.messages.map((message) => message.content), ...next.candidates.map((candidate) => candidate.content)]) : undefined), [next]);

  const prefetch = useCallback(
    async (current: AnnotationItem | null) => {
      if (!current) return;
      try {
        const exclude = [current.assignmentId, ...done.current];
        const { item: ahead } = await claimNext(setup.promptSetId, exclude.slice(-5));
        setNext(ahead && !done.current.has(ahead.assignmentId) && ahead.assignmentId !== current.assignmentId ? ahead : null);
      } catch {
        setNext(null); // Offline or busy: the next item is fetched when this one is submitted.
      }
    },
    [setup.promptSetId],
  );

  /** Sends every queued submission; each is idempotent, so a resend after a lost reply is harmless. */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const pending of loadPending()) {
        try {
          await sendJudgment(pending.body);
          removePending(pending.body.idempotencyKey);
        } catch (error) {
          if (error instanceof NetworkError || (isApiError(error) && error.status >= 500) || (isApiError(error) && error.status === 401)) break;
          // The server refused it for good (a conflict, invalid input): keep nothing that cannot be sent.
          removePending(pending.body.idempotencyKey);
          setNotice({ tone: "error", text: t("saveFailed", { reason: errorText(error) }) });
        }
      }
    } finally {
      flushing.current = false;
      setPendingCount(loadPending().length);
    }
  }, [errorText, t]);

  /** Sends the queue, then fetches the next item if an earlier fetch failed for want of a connection. */
  const resume = useCallback(async () => {
    await flush();
    if (!waitingForNetwork.current) return;
    try {
      const { item: fresh } = await claimNext(setup.promptSetId, [...done.current].slice(-5));
      waitingForNetwork.current = false;
      setWaitingForNetwork(false);
      setNotice(null);
      const usable = fresh && !done.current.has(fresh.assignmentId) ? fresh : null;
      setItem(usable);
      if (usable) void prefetch(usable);
    } catch {
      // Still offline: the next "online" event or retry tries again.
    }
  }, [flush, prefetch, setup.promptSetId]);

  // On load: send what an earlier visit left queued; if the item the server resumed is one of those,
  // move past it. Then fetch the next item ahead of time.
  useEffect(() => {
    void (async () => {
      for (const pending of loadPending()) done.current.add(pending.body.assignmentId);
      for (const assignmentId of loadRecentlySent()) done.current.add(assignmentId);
      await flush();
      if (initialItem && done.current.has(initialItem.assignmentId)) {
        setItem(null);
        waitingForNetwork.current = true;
        setWaitingForNetwork(true);
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

  const advance = useCallback(async () => {
    if (!item) return;
    done.current.add(item.assignmentId);
    if (next && !done.current.has(next.assignmentId)) {
      const upcoming = next;
      setItem(upcoming);
      setNext(null);
      setShowDiff(false);
      // After the queue is sent: the server allows two leases per annotator, and the one just judged
      // still counts until its judgment arrives.
      void flush().then(() => prefetch(upcoming));
      return;
    }
    setLoading(true);
    try {
      await flush();
      const { item: fresh } = await claimNext(setup.promptSetId, [...done.current].slice(-5));
      setItem(fresh && !done.current.has(fresh.assignmentId) ? fresh : null);
      if (fresh) void prefetch(fresh);
    } catch (error) {
      setItem(null);
      waitingForNetwork.current = error instanceof NetworkError;
      setWaitingForNetwork(waitingForNetwork.current);
      setNotice({ tone: "info", text: error instanceof NetworkError ? t("offlineNext") : errorText(error) });
    } finally {
      setLoading(false);
    }
  }, [errorText, flush, item, next, prefetch, setup.promptSetId, t]);

  const submit = useCallback(() => {
    if (!item || !draft) return;
    const result = toSubmission(setup, item, draft);
    if ("problem" in result) {
      const { problem } = result;
      setNotice({ tone: "error", text: problem.key === "cannotSubmit" ? t("cannotSubmit", { reason: problem.reason }) : t(problem.key) });
      return;
    }
    // Queue first, then send: a lost connection or a closed tab leaves the judgment in the queue.
    addPending({ promptSetId: setup.promptSetId, body: result.body, queuedAt: Date.now() });
    removeDraft(item.assignmentId);
    setPendingCount(loadPending().length);
    setNotice(null);
    void advance();
  }, [advance, draft, item, setup, t]);

  const skip = useCallback(async () => {
    if (!item) return;
    try {
      await sendSkip(item.assignmentId, skipReason);
      removeDraft(item.assignmentId);
      setPanel(null);
      setSkipReason("");
      await advance();
    } catch (error) {
      setNotice({ tone: "error", text: error instanceof NetworkError ? t("skipOffline") : errorText(error) });
    }
  }, [advance, errorText, item, skipReason, t]);

  const update = useCallback((change: (draft: Draft) => Draft) => setDraft((current) => (current ? change(current) : current)), []);

  const byId = useMemo(() => new Map(item?.candidates.map((candidate) => [candidate.id, candidate]) ?? []), [item]);
  const letters = useMemo(() => new Map(item?.candidates.map((candidate, index) => [candidate.id, letter(index)]) ?? []), [item]);

  const bestCandidateId = useCallback((): string | undefined => {
    if (!item || !draft) return undefined;
    if (setup.mode === "RANKING") return draft.order[0];
    return draft.verdict === "B" ? item.candidates[1]?.id : item.candidates[0]?.id;
  }, [draft, item, setup.mode]);

  const startRewrite = useCallback(() => {
    const parentId = bestCandidateId();
    if (!parentId || !setup.editsEnabled) return;
    update((d) => (d.rewrite ? d : { ...d, rewrite: { parentCandidateId: parentId, content: byId.get(parentId)?.content ?? "" } }));
    requestAnimationFrame(() => rewriteRef.current?.focus());
  }, [bestCandidateId, byId, setup.editsEnabled, update]);

  const move = useCallback(
    (from: number, to: number) => {
      update((d) => ({ ...d, order: moveItem(d.order, from, to), tiedWithAbove: to < 0 || to >= d.order.length ? d.tiedWithAbove : moveItem(d.tiedWithAbove, from, to) }));
      if (to >= 0 && item && to < item.candidates.length) setFocused(to);
    },
    [item, update],
  );

  const toggleTie = useCallback(
    (index: number) => update((d) => ({ ...d, tiedWithAbove: d.tiedWithAbove.map((tied, i) => (i === index ? !tied : tied)) })),
    [update],
  );

  const run = useCallback(
    (command: AnnotationCommand) => {
      const count = item?.candidates.length ?? 0;
      switch (command) {
        case "prefer-a":
          return update((d) => ({ ...d, verdict: "A" }));
        case "prefer-b":
          return update((d) => ({ ...d, verdict: "B" }));
        case "tie":
          return update((d) => ({ ...d, verdict: "TIE" }));
        case "both-bad":
          return setup.mode === "PAIRWISE" ? update((d) => ({ ...d, verdict: "BOTH_BAD" })) : update((d) => ({ ...d, allBad: !d.allBad }));
        case "focus-next":
          return setFocused((index) => Math.min(count - 1, index + 1));
        case "focus-previous":
          return setFocused((index) => Math.max(0, index - 1));
        case "move-down":
          return move(focused, focused + 1);
        case "move-up":
          return move(focused, focused - 1);
        case "toggle-tie-above":
          return focused > 0 ? toggleTie(focused) : undefined;
        case "edit":
          return startRewrite();
        case "rationale":
          return rationaleRef.current?.focus();
        case "skip":
          return setPanel("skip");
        case "submit":
          return submit();
        case "diff":
          return setShowDiff((shown) => !shown);
        case "expand":
          return setExpanded((open) => !open);
        case "guidelines":
          return setPanel("guidelines");
        case "help":
          return setPanel("help");
        case "close":
          if (panel) return setPanel(null);
          return (document.activeElement as HTMLElement | null)?.blur();
      }
    },
    [focused, item, move, panel, setup.mode, startRewrite, submit, toggleTie, update],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const inTextField = !!target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT" || target.isContentEditable);
      if (panel && event.key !== "Escape") return;
      // Buttons and links keep Enter and space for themselves.
      if (!inTextField && (event.key === "Enter" || event.key === " ") && target && (target.tagName === "BUTTON" || target.tagName === "A")) return;
      const command = commandFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, shiftKey: event.shiftKey, inTextField }, setup.mode);
      if (!command || (!item && command !== "help" && command !== "guidelines" && command !== "close")) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [item, panel, run, setup.mode]);

  const status = (
    <p role="status" className="text-xs text-muted-foreground" data-testid="sync-status">
      {pendingCount === null ? (
        t("checkingPending")
      ) : pendingCount > 0 ? (
        <Badge tone="warning">{t("pending", { count: pendingCount })}</Badge>
      ) : (
        t("allSaved")
      )}
    </p>
  );

  const header = (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      {setup.isDemo ? <Badge tone="accent">{t("demoBadge")}</Badge> : null}
      {status}
      <span className="ml-auto flex gap-2">
        <Button size="sm" variant="ghost" onClick={() => setPanel("guidelines")}>
          {t("guidelinesButton")}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setPanel("help")}>
          {t("shortcutsButton")}
        </Button>
      </span>
    </div>
  );

  const overlays = (
    <>
      {panel === "help" ? <HelpOverlay mode={setup.mode} onClose={() => setPanel(null)} /> : null}
      {panel === "guidelines" ? (
        <Overlay title={t("guidelinesTitle")} onClose={() => setPanel(null)}>
          {setup.guidelines.trim() ? <SafeMarkdown>{setup.guidelines}</SafeMarkdown> : <p className="text-sm text-muted-foreground">{t("noGuidelines")}</p>}
        </Overlay>
      ) : null}
      {panel === "skip" ? (
        <Overlay title={t("skipTitle")} onClose={() => setPanel(null)}>
          <form
            className="space-y-3"
            onSubmit={(event) => {
              event.preventDefault();
              void skip();
            }}
          >
            <label className="block text-sm font-medium text-foreground" htmlFor="skip-reason">
              {t("skipReason")}
            </label>
            <input
              id="skip-reason"
              autoFocus
              value={skipReason}
              onChange={(event) => setSkipReason(event.target.value)}
              maxLength={500}
              className="h-9 w-full rounded-md border border-border-strong bg-surface px-3 text-sm"
              placeholder={t("skipPlaceholder")}
            />
            <p className="text-xs text-muted-foreground">{t("skipExplain")}</p>
            <Button type="submit" variant="primary">
              {t("skipSubmit")}
            </Button>
          </form>
        </Overlay>
      ) : null}
    </>
  );

  if (!item || !draft) {
    return (
      <>
        {header}
        {notice ? <NoticeAlert notice={notice} /> : null}
        {loading || (item && !draft) || isWaitingForNetwork ? (
          <p className="text-sm text-muted-foreground">{isWaitingForNetwork ? t("waitingForNetwork") : t("loadingNext")}</p>
        ) : (
          <EmptyState
            title={t("doneTitle")}
            action={
              <Link href="/annotate" className={buttonClasses()}>
                {t("backToSets")}
              </Link>
            }
          >
            <p>{t("doneBody", { name: setup.name })}</p>
            {pendingCount ? <p>{t("donePending")}</p> : null}
          </EmptyState>
        )}
        {overlays}
      </>
    );
  }

  const orderCandidates = draft.order.map((id) => byId.get(id)!).filter(Boolean);
  const pair = setup.mode === "PAIRWISE" ? ([item.candidates[0]!, item.candidates[1]!] as const) : null;
  const diffPair = pair ?? [orderCandidates[0]!, orderCandidates[1]!];

  return (
    <div data-testid="annotation-item" data-assignment-id={item.assignmentId}>
      {header}
      {notice ? (
        <div className="mb-4">
          <NoticeAlert notice={notice} />
        </div>
      ) : null}
      <div className="space-y-4">
        <ConversationView messages={item.messages} />
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="ghost" onClick={() => setShowDiff((shown) => !shown)} aria-pressed={showDiff}>
            {showDiff ? t("hideDiff") : t("showDiff")}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setExpanded((open) => !open)} aria-pressed={expanded}>
            {expanded ? t("collapse") : t("expand")}
          </Button>
        </div>
        {showDiff && diffPair[0] && diffPair[1] ? (
          <DiffView left={diffPair[0].content} right={diffPair[1].content} leftLetter={letters.get(diffPair[0].id) ?? "?"} rightLetter={letters.get(diffPair[1].id) ?? "?"} />
        ) : null}
        {pair ? (
          <PairwiseView candidates={[pair[0], pair[1]]} verdict={draft.verdict} expanded={expanded} />
        ) : (
          <RankingView
            order={orderCandidates}
            tiedWithAbove={draft.tiedWithAbove}
            letters={letters}
            focused={focused}
            allBad={draft.allBad}
            expanded={expanded}
            onFocus={setFocused}
            onMove={move}
            onToggleTie={toggleTie}
          />
        )}

        <section aria-label={t("yourJudgment")} className="space-y-4 rounded-lg border border-border bg-surface p-4">
          {pair ? (
            <div role="group" aria-label={t("verdict")} className="flex flex-wrap gap-2">
              {(
                [
                  ["A", t("preferA"), "1"],
                  ["B", t("preferB"), "2"],
                  ["TIE", t("tie"), "3"],
                  ["BOTH_BAD", t("bothBad"), "4"],
                ] as const
              ).map(([value, label, key]) => (
                <Button key={value} variant={draft.verdict === value ? "primary" : "secondary"} aria-pressed={draft.verdict === value} onClick={() => update((d) => ({ ...d, verdict: value }))}>
                  {label} <kbd className="text-xs opacity-70">{key}</kbd>
                </Button>
              ))}
            </div>
          ) : (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.allBad} onChange={() => update((d) => ({ ...d, allBad: !d.allBad }))} />
              {t("allBad")} <kbd className="text-xs text-muted-foreground">x</kbd>
            </label>
          )}

          {setup.flagsEnabled ? (
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="mb-1 text-sm font-medium text-foreground">{t("flags")}</legend>
              {judgmentFlags.map((flag) => (
                <label key={flag} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={draft.flags.includes(flag)}
                    onChange={() => update((d) => ({ ...d, flags: d.flags.includes(flag) ? d.flags.filter((f) => f !== flag) : [...d.flags, flag] }))}
                  />
                  {tv(`flag.${flag}`)}
                </label>
              ))}
            </fieldset>
          ) : null}

          {setup.rationaleMode !== "OFF" ? (
            <div className="space-y-1.5">
              <label htmlFor="rationale" className="block text-sm font-medium text-foreground">
                {setup.rationaleMode === "REQUIRED" ? t("rationaleRequired") : t("rationaleOptional")} <kbd className="text-xs text-muted-foreground">r</kbd>
              </label>
              <textarea
                id="rationale"
                ref={rationaleRef}
                value={draft.rationale}
                onChange={(event) => {
                  const rationale = event.target.value;
                  update((d) => ({ ...d, rationale }));
                }}
                rows={2}
                maxLength={10_000}
                className="w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-sm"
              />
            </div>
          ) : null}

          {setup.editsEnabled ? (
            draft.rewrite ? (
              <div className="space-y-1.5">
                <label htmlFor="rewrite" className="block text-sm font-medium text-foreground">
                  {t("rewriteLabel", { letter: letters.get(draft.rewrite.parentCandidateId) ?? "?" })}
                </label>
                <textarea
                  id="rewrite"
                  ref={rewriteRef}
                  value={draft.rewrite.content}
                  onChange={(event) => {
                    const content = event.target.value;
                    update((d) => (d.rewrite ? { ...d, rewrite: { ...d.rewrite, content } } : d));
                  }}
                  rows={6}
                  className="w-full rounded-md border border-border-strong bg-surface px-3 py-2 font-mono text-sm"
                />
                <Button size="sm" variant="ghost" onClick={() => update((d) => ({ ...d, rewrite: null }))}>
                  {t("removeRewrite")}
                </Button>
              </div>
            ) : (
              <Button size="sm" onClick={startRewrite}>
                {t("startRewrite")}
              </Button>
            )
          ) : null}

          <div className="flex flex-wrap items-center gap-2 border-t border-border pt-4">
            <Button variant="primary" onClick={submit}>
              {t("submit")} <kbd className="text-xs opacity-70">Enter</kbd>
            </Button>
            <Button variant="ghost" onClick={() => setPanel("skip")}>
              {t("skip")}
            </Button>
            <span className="ml-auto text-xs text-muted-foreground">{t("leaseUntil", { time: new Date(item.expiresAt) })} UTC</span>
          </div>
        </section>
      </div>
      {overlays}
    </div>
  );
}

function NoticeAlert({ notice }: { notice: { tone: "error" | "info"; text: string } }) {
  return notice.tone === "error" ? (
    <Alert tone="error" testId="annotation-error">
      {notice.text}
    </Alert>
  ) : (
    <Alert tone="info">{notice.text}</Alert>
  );
}
