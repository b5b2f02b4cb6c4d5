"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { bestCandidateId, draftReducer, freshDraft, isDraftFor, toSubmission, type Draft, type DraftAction } from "@/lib/annotation/draft";
import { commandFor, isTextEntry, type AnnotationCommand } from "@/lib/annotation/keyboard";
import type { AnnotationItem, AnnotationPause, AnnotationSetup, JudgeSuggestion } from "@/lib/annotation/contracts";
import { judgmentFlags } from "@/lib/vocabulary";
import { useErrorText } from "@/components/i18n/use-error-text";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NetworkError, sendSkip } from "./api";
import { HelpOverlay } from "./help-overlay";
import { ItemStage, letter } from "./item-stage";
import { loadDraft, newIdempotencyKey, removeDraft, saveDraft } from "./local-store";
import { Overlay } from "./overlay";
import { RationaleField } from "./rationale-field";
import { RewriteEditor } from "./rewrite-editor";
import { SkipDialog } from "./skip-dialog";
import { useAheadClip } from "./use-ahead-clip";
import { useOutbox } from "./use-outbox";
import { useQueue } from "./use-queue";
import { VerdictBar } from "./verdict-bar";

/** Where the annotator stood when the page was rendered: prompts still open to them, and the set's judgments. */
export type InitialProgress = { open: number; judged: number; target: number };

type Notice = { tone: "error" | "info"; text: string };

const noSubscription = () => () => {};
const newDraft = (item: AnnotationItem) => freshDraft(item, newIdempotencyKey(), Date.now());
const noop = () => {};
/** The items ahead and leaving are inert or clipped: their switches never fire. */
const aheadHandlers = { onToggleDiff: noop, onToggleExpanded: noop, onFocus: noop, onMove: noop, onToggleTie: noop };

/**
 * The annotation workspace: the item on screen (rendered on the server, with the next one rendered
 * ahead and hidden), the draft judgment (lib/annotation/draft.ts), the outbox and queue hooks, and the
 * keyboard. Shortcuts act unless a text field has the focus or an input method is composing.
 */
export function AnnotationWorkspace({
  setup,
  initialItem,
  initialPause,
  initialProgress,
}: {
  setup: AnnotationSetup;
  initialItem: AnnotationItem | null;
  initialPause: AnnotationPause | null;
  initialProgress: InitialProgress;
}) {
  const t = useTranslations("workspace");
  // The item is in the server's HTML; keys work once React has hydrated it (its listeners attached and a
  // draft kept in this browser restored). The attribute says when, for people's scripts and the e2e suite.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const tv = useTranslations("vocabulary");
  const errorText = useErrorText();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [panel, setPanel] = useState<"help" | "guidelines" | "skip" | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [focused, setFocused] = useState(0);
  /** Items submitted or skipped in this page: "item n of N" and the set's progress move with it. */
  const [completedHere, setCompletedHere] = useState(0);
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const rewriteRef = useRef<HTMLTextAreaElement>(null);
  const workspaceRef = useRef<HTMLDivElement>(null);
  const stagesRef = useRef<HTMLDivElement>(null);
  /** Where the page scrolls once the next item is shown (the top of the workspace), or null to stay. */
  const scrollAfterSwap = useRef<number | null>(null);

  const outbox = useOutbox({
    onRefused: useCallback((error: unknown) => setNotice({ tone: "error", text: t("saveFailed", { reason: errorText(error) }) }), [errorText, t]),
    onSuggestion: useCallback(
      (suggestion: JudgeSuggestion, shown: readonly string[]) => {
        const preferred = suggestion.preferredCandidateId ? shown.indexOf(suggestion.preferredCandidateId) : -1;
        setNotice({ tone: "info", text: preferred >= 0 ? t("judgeAfterPreferred", { model: suggestion.model, answer: letter(preferred) }) : t("judgeAfterTie", { model: suggestion.model }) });
      },
      [t],
    ),
  });
  const queue = useQueue({
    promptSetId: setup.promptSetId,
    initialItem,
    initialPause,
    flush: outbox.flush,
    pendingCount: outbox.pendingCount,
    onOffline: useCallback(() => setNotice({ tone: "info", text: t("offlineNext") }), [t]),
    onError: useCallback((error: unknown) => setNotice({ tone: "info", text: errorText(error) }), [errorText]),
    onBack: useCallback(() => setNotice(null), []),
  });
  const { item, next, leaving } = queue;

  // The draft exists from the first render (so the server renders the item, not "Loading"); a draft
  // kept in this browser for the same lease (a reload) replaces it after mount.
  const [draft, setDraft] = useState<Draft | null>(() => (initialItem ? newDraft(initialItem) : null));
  const [draftItemId, setDraftItemId] = useState(initialItem?.assignmentId ?? null);
  if ((item?.assignmentId ?? null) !== draftItemId) {
    // A new item: a fresh draft, during render rather than in an effect, so the item never shows with the last one's verdict.
    setDraftItemId(item?.assignmentId ?? null);
    setDraft(item ? newDraft(item) : null);
    setFocused(0);
    setShowDiff(false);
  }
  // The latest draft, for the key handler and submit: a key pressed right after another (a verdict, then
  // Enter) must meet the draft the first one made, not the one of the handler's last render. Dispatch
  // writes it at once; the commit of every render brings it in line with the state (a new item's draft).
  const draftRef = useRef(draft);
  /** The last draft of the item just submitted or skipped: it stays on that item while it is leaving, so
   *  that nothing in it changes (a ranking re-ordered back would move whole answers). */
  const [leftDraft, setLeftDraft] = useState<Draft | null>(null);
  useLayoutEffect(() => {
    draftRef.current = draft;
  }, [draft]);
  useEffect(() => {
    if (!item) return;
    const stored = loadDraft(item.assignmentId);
    if (isDraftFor(stored, item)) {
      draftRef.current = stored;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the stored draft lives in localStorage, which only exists after mount
      setDraft(stored);
    }
    // A text box of the previous item must not swallow the next item's shortcuts.
    const active = document.activeElement as HTMLElement | null;
    if (active && (active.tagName === "TEXTAREA" || active.tagName === "INPUT")) active.blur();
  }, [item]);
  useEffect(() => {
    if (draft) saveDraft(draft);
  }, [draft]);

  const dispatch = useCallback((action: DraftAction) => {
    const current = draftRef.current;
    if (!current) return;
    draftRef.current = draftReducer(current, action);
    setDraft(draftRef.current);
  }, []);

  /**
   * Called before a submit or skip shows the next item: if the annotator has scrolled past the top of the item
   * on screen, the next one is shown from its top (the page scrolls back to the workspace's top, its status
   * line). Read here, where layout is clean, not after the swap, where reading it would force one.
   */
  const keepNextItemTopInView = useCallback(() => {
    const stages = stagesRef.current;
    const workspace = workspaceRef.current;
    if (!stages || !workspace) return;
    scrollAfterSwap.current = stages.getBoundingClientRect().top < 0 ? window.scrollY + workspace.getBoundingClientRect().top : null;
  }, []);
  useLayoutEffect(() => {
    if (!item || scrollAfterSwap.current === null) return;
    window.scrollTo(window.scrollX, scrollAfterSwap.current);
    scrollAfterSwap.current = null;
  }, [item]);

  const submit = useCallback(() => {
    const current = draftRef.current;
    if (!item || !isDraftFor(current, item)) return;
    const result = toSubmission(setup, item, current, Date.now());
    if ("problem" in result) {
      const { problem } = result;
      setNotice({ tone: "error", text: problem.key === "cannotSubmit" ? t("cannotSubmit", { reason: problem.reason }) : t(problem.key) });
      return;
    }
    // Queue first, then send: a lost connection or a closed tab leaves the judgment in the outbox. The
    // next item shows at once; the send happens behind it.
    outbox.enqueue({ promptSetId: setup.promptSetId, body: result.body, queuedAt: Date.now() });
    removeDraft(item.assignmentId);
    setNotice(null);
    setCompletedHere((count) => count + 1);
    setLeftDraft(current);
    keepNextItemTopInView();
    void queue.advance();
  }, [item, keepNextItemTopInView, outbox, queue, setup, t]);

  const skip = useCallback(
    async (reason: string): Promise<boolean> => {
      if (!item) return false;
      try {
        await sendSkip(item.assignmentId, reason);
        removeDraft(item.assignmentId);
        setPanel(null);
        setCompletedHere((count) => count + 1);
        setLeftDraft(draftRef.current);
        keepNextItemTopInView();
        await queue.advance();
        return true;
      } catch (error) {
        setNotice({ tone: "error", text: error instanceof NetworkError ? t("skipOffline") : errorText(error) });
        return false;
      }
    },
    [errorText, item, keepNextItemTopInView, queue, t],
  );

  const startRewrite = useCallback(() => {
    const current = draftRef.current;
    if (!item || !current || !setup.editsEnabled) return;
    const parentId = bestCandidateId(setup.mode, item, current);
    if (!parentId) return;
    dispatch({ type: "start-rewrite", parentCandidateId: parentId, content: item.candidates.find((candidate) => candidate.id === parentId)?.content ?? "" });
    requestAnimationFrame(() => rewriteRef.current?.focus());
  }, [dispatch, item, setup.editsEnabled, setup.mode]);

  const move = useCallback(
    (from: number, to: number) => {
      dispatch({ type: "move", from, to });
      if (to >= 0 && item && to < item.candidates.length) setFocused(to);
    },
    [dispatch, item],
  );

  const toggleDiff = useCallback(() => setShowDiff((shown) => !shown), []);
  const toggleExpanded = useCallback(() => setExpanded((open) => !open), []);
  const toggleTie = useCallback((index: number) => dispatch({ type: "toggle-tie", index }), [dispatch]);
  // The item ahead's props stay the same object while it waits, so that its (memoised) stage is not
  // rendered again by every key pressed on the item on screen.
  const ahead = useMemo(() => (next ? { item: next, order: next.candidates.map((candidate) => candidate.id), tiedWithAbove: next.candidates.map(() => false) } : null), [next]);
  const aheadShown = ahead && item && ahead.item.assignmentId !== item.assignmentId ? ahead : null;
  useAheadClip(stagesRef, aheadShown?.item.assignmentId ?? null);

  const run = useCallback(
    (command: AnnotationCommand) => {
      const count = item?.candidates.length ?? 0;
      switch (command) {
        case "prefer-a":
          return dispatch({ type: "choose", verdict: "A" });
        case "prefer-b":
          return dispatch({ type: "choose", verdict: "B" });
        case "tie":
          return dispatch({ type: "choose", verdict: "TIE" });
        case "both-bad":
          return dispatch(setup.mode === "PAIRWISE" ? { type: "choose", verdict: "BOTH_BAD" } : { type: "toggle-all-bad" });
        case "focus-next":
          return setFocused((index) => Math.min(count - 1, index + 1));
        case "focus-previous":
          return setFocused((index) => Math.max(0, index - 1));
        case "move-down":
          return move(focused, focused + 1);
        case "move-up":
          return move(focused, focused - 1);
        case "toggle-tie-above":
          return dispatch({ type: "toggle-tie", index: focused });
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
    [dispatch, focused, item, move, panel, setup.mode, startRewrite, submit],
  );

  // Registered in the commit (a layout effect), not after paint: a key that arrives between a render and
  // its passive effects would otherwise meet the handler of the previous item.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const inTextField = isTextEntry(target && { tagName: target.tagName, type: (target as HTMLInputElement).type, isContentEditable: target.isContentEditable });
      if (panel && event.key !== "Escape") return;
      // Buttons and links keep Enter and space, checkboxes and radios space, for themselves.
      const tag = target?.tagName;
      if (!inTextField && event.key === " " && (tag === "BUTTON" || tag === "A" || tag === "INPUT")) return;
      if (!inTextField && event.key === "Enter" && (tag === "BUTTON" || tag === "A")) return;
      const command = commandFor(
        { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, shiftKey: event.shiftKey, inTextField, isComposing: event.isComposing, keyCode: event.keyCode },
        setup.mode,
      );
      if (!command || (!item && command !== "help" && command !== "guidelines" && command !== "close")) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [item, panel, run, setup.mode]);

  const { pendingCount } = outbox;
  const status = (
    <p role="status" className="text-xs text-muted-foreground" data-testid="sync-status">
      {pendingCount === null ? t("checkingPending") : pendingCount > 0 ? <Badge tone="warning">{t("pending", { count: pendingCount })}</Badge> : t("allSaved")}
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
      {panel === "skip" ? <SkipDialog onSkip={skip} onClose={() => setPanel(null)} /> : null}
    </>
  );

  const noticeAlert = notice ? (
    <div className="mb-4">
      {notice.tone === "error" ? (
        <Alert tone="error" testId="annotation-error">
          {notice.text}
        </Alert>
      ) : (
        <Alert tone="info">{notice.text}</Alert>
      )}
    </div>
  ) : null;

  if (!item || !draft) {
    return (
      <>
        {header}
        {noticeAlert}
        {queue.pause ? (
          <EmptyState
            title={t("pausedTitle")}
            action={
              <Link href="/annotate" className={buttonClasses()}>
                {t("backToSets")}
              </Link>
            }
          >
            <p data-testid="pause-reason">
              {queue.pause.reason?.key === "goldAccuracy"
                ? t("pausedGoldAccuracy", queue.pause.reason.params)
                : t("pausedWhy", { why: queue.pause.why })}
            </p>
            <p>{t("pausedSince", { since: new Date(queue.pause.since) })}</p>
          </EmptyState>
        ) : queue.isLoading || queue.isWaitingForNetwork ? (
          <p data-testid="queue-loading" className="text-sm text-muted-foreground">{queue.isWaitingForNetwork ? t("waitingForNetwork") : t("loadingNext")}</p>
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

  const letters = new Map(item.candidates.map((candidate, index) => [candidate.id, letter(index)]));
  const total = Math.max(1, initialProgress.open);
  const progress = { n: Math.min(total, completedHere + 1), total, judged: initialProgress.judged + completedHere, target: initialProgress.target };
  const stageHandlers = {
    onToggleDiff: toggleDiff,
    onToggleExpanded: toggleExpanded,
    onFocus: setFocused,
    onMove: move,
    onToggleTie: toggleTie,
  };

  return (
    <div ref={workspaceRef} data-testid="annotation-item" data-assignment-id={item.assignmentId} data-hydrated={hydrated ? "true" : undefined}>
      {header}
      {noticeAlert}
      {/* The item leaving, the one on screen and the one fetched ahead, keyed by lease: after a submit the
          one ahead is already rendered and laid out and only has to be shown. In this order, so that a swap
          moves no node (ahead becomes shown, shown becomes leaving, each keeping its place). The item ahead
          lies over the one on screen (absolute, at the top of this box), where it shows after the swap, clipped
          where the page ends without it (use-ahead-clip.ts). */}
      <div ref={stagesRef} className="relative">
        {leaving && leaving.assignmentId !== item.assignmentId ? (
          <ItemStage
            key={leaving.assignmentId}
            item={leaving}
            mode={setup.mode}
            place="leaving"
            {...(isDraftFor(leftDraft, leaving)
              ? { verdict: leftDraft.verdict, order: leftDraft.order, tiedWithAbove: leftDraft.tiedWithAbove, allBad: leftDraft.allBad }
              : { verdict: null, order: leaving.candidates.map((candidate) => candidate.id), tiedWithAbove: leaving.candidates.map(() => false), allBad: false })}
            focused={0}
            showDiff={false}
            expanded={expanded}
            {...aheadHandlers}
          />
        ) : null}
        <ItemStage
          key={item.assignmentId}
          item={item}
          mode={setup.mode}
          place="shown"
          verdict={draft.verdict}
          order={draft.order}
          tiedWithAbove={draft.tiedWithAbove}
          allBad={draft.allBad}
          focused={focused}
          showDiff={showDiff}
          expanded={expanded}
          {...stageHandlers}
        />
        {aheadShown ? (
          <ItemStage
            key={aheadShown.item.assignmentId}
            item={aheadShown.item}
            mode={setup.mode}
            place="ahead"
            verdict={null}
            order={aheadShown.order}
            tiedWithAbove={aheadShown.tiedWithAbove}
            allBad={false}
            focused={0}
            showDiff={false}
            expanded={expanded}
            {...aheadHandlers}
          />
        ) : null}
      </div>

      <section aria-label={t("yourJudgment")} className="mt-4 space-y-4 rounded-lg border border-border bg-surface p-4">
        {setup.flagsEnabled ? (
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="mb-1 text-sm font-medium text-foreground">{t("flags")}</legend>
            {judgmentFlags.map((flag) => (
              <label key={flag} className="flex items-center gap-1.5">
                <input type="checkbox" checked={draft.flags.includes(flag)} onChange={() => dispatch({ type: "toggle-flag", flag })} />
                {tv(`flag.${flag}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {setup.rationaleMode !== "OFF" ? (
          <RationaleField ref={rationaleRef} value={draft.rationale} isRequired={setup.rationaleMode === "REQUIRED"} onChange={(text) => dispatch({ type: "rationale", text })} />
        ) : null}
        {setup.editsEnabled ? (
          <RewriteEditor
            ref={rewriteRef}
            rewrite={draft.rewrite}
            parentLetter={draft.rewrite ? (letters.get(draft.rewrite.parentCandidateId) ?? "?") : ""}
            onStart={startRewrite}
            onChange={(content) => dispatch({ type: "rewrite", content })}
            onRemove={() => dispatch({ type: "remove-rewrite" })}
          />
        ) : null}
      </section>

      <VerdictBar
        mode={setup.mode}
        verdict={draft.verdict}
        allBad={draft.allBad}
        progress={progress}
        expiresAt={item.expiresAt}
        onChoose={(verdict) => dispatch({ type: "choose", verdict })}
        onToggleAllBad={() => dispatch({ type: "toggle-all-bad" })}
        onSubmit={submit}
        onSkip={() => setPanel("skip")}
      />
      {overlays}
    </div>
  );
}
