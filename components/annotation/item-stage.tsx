"use client";

import { useTranslations } from "next-intl";
import { memo, useCallback, useState } from "react";
import type { AnnotationItem } from "@/lib/annotation/contracts";
import type { PairwiseChoice } from "@/lib/annotation/draft";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { ConversationView } from "./conversation-view";
import { DiffView } from "./diff-view";
import { PairwiseView } from "./pairwise-view";
import { RankingView } from "./ranking-view";
import { useAfterPaint } from "./use-after-paint";

export const letter = (index: number) => String.fromCharCode(65 + index);

type StageProps = {
  item: AnnotationItem;
  mode: "PAIRWISE" | "RANKING";
  /**
   * Where the item stands. "shown": on screen. "ahead": the item fetched ahead, rendered, laid out and
   * painted where it will show (over the item on screen, out of the flow) but transparent, inert (so also
   * out of the pointer's reach) and hidden from assistive technology, so that after a submit it only has to be shown: no
   * parse, no render, no layout and no paint of its answers. "leaving": the item just submitted, kept with
   * `content-visibility: hidden` (no height, and its nodes are neither laid out, walked nor painted again)
   * until the new one is painted, then removed: removing thousands of nodes costs a frame.
   */
  place: "shown" | "ahead" | "leaving";
  verdict: PairwiseChoice | null;
  order: string[];
  tiedWithAbove: boolean[];
  allBad: boolean;
  focused: number;
  showDiff: boolean;
  expanded: boolean;
  onToggleDiff: () => void;
  onToggleExpanded: () => void;
  onFocus: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onToggleTie: (index: number) => void;
};

/**
 * One item's prompt and answers (pairwise columns or a ranking list), with the diff and expand switches.
 * Memoised: a key on the item on screen must not re-render the one ahead.
 */
export const ItemStage = memo(function ItemStage({ item, mode, place, verdict, order, tiedWithAbove, allBad, focused, showDiff, expanded, onToggleDiff, onToggleExpanded, onFocus, onMove, onToggleTie }: StageProps) {
  const t = useTranslations("workspace");
  const isAhead = place !== "shown";
  // Inert is inherited through the style of every node below: lifting it restyles all of them. The item
  // ahead stays inert until its first frame on screen has been painted, so that the restyle follows the paint.
  const [inert, setInert] = useState(place === "ahead");
  useAfterPaint(
    place === "shown" && inert,
    useCallback(() => setInert(false), []),
  );
  const byId = new Map(item.candidates.map((candidate) => [candidate.id, candidate]));
  const letters = new Map(item.candidates.map((candidate, index) => [candidate.id, letter(index)]));
  const ordered = order.map((id) => byId.get(id)).filter((candidate) => candidate !== undefined);
  const pair = mode === "PAIRWISE" && item.candidates.length >= 2 ? ([item.candidates[0]!, item.candidates[1]!] as const) : null;
  const diffPair = pair ?? [ordered[0], ordered[1]];
  return (
    // The stage's box: in the flow when shown. Ahead, it lies over the item on screen (absolute, at the top of
    // the same box) and clips what it holds (`overflow: clip`) to a height that use-ahead-clip.ts keeps at the
    // page's own end, so that a longer item ahead never makes the page longer, while all of it that can be in
    // the window right after Enter is painted. At the swap only the clip and the position go: the layer inside
    // keeps its size, its place and what was painted in it. Inert (and so out of the pointer's reach: the box
    // ahead lies over the judgment form below a shorter item) and hidden from assistive technology here, on
    // the box, so that nothing of the item ahead can be clicked, focused or read.
    <div
      data-place={place}
      aria-hidden={isAhead || undefined}
      inert={place === "ahead" || inert || undefined}
      className={cx(
        place === "ahead" && "absolute inset-x-0 top-0 h-full overflow-clip",
        place === "leaving" && "[content-visibility:hidden]",
      )}
    >
      <div
        data-testid={place === "ahead" ? "annotation-ahead" : undefined}
        className={cx(
          // Each stage is its own compositing layer (`will-change: opacity`), so that Chromium paints and
          // rasterises the item ahead although it is transparent (without the hint it skips a layer of opacity
          // 0), and a submit only changes its opacity and its position (the same place, now in the flow): its
          // painted content is reused, where a clipped item had to be painted from scratch in the frame after
          // Enter (78 ms of the 85 ms median, in a Chromium trace). The hint stays on the item on screen:
          // dropping it would change the layer and paint the item again.
          "space-y-4 [will-change:opacity]",
          // No `pointer-events: none`: inert already keeps the pointer off it (as if it were none), and
          // pointer-events is inherited, so lifting it at the swap would restyle every node of the item.
          place === "ahead" && "opacity-0",
        )}
      >
        <ConversationView messages={item.messages} />
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="ghost" onClick={onToggleDiff} aria-pressed={showDiff}>
            {showDiff ? t("hideDiff") : t("showDiff")}
          </Button>
          <Button size="sm" variant="ghost" onClick={onToggleExpanded} aria-pressed={expanded}>
            {expanded ? t("collapse") : t("expand")}
          </Button>
        </div>
        {showDiff && diffPair[0] && diffPair[1] ? (
          <DiffView left={diffPair[0].content} right={diffPair[1].content} leftLetter={letters.get(diffPair[0].id) ?? "?"} rightLetter={letters.get(diffPair[1].id) ?? "?"} />
        ) : null}
        {pair && item.judgeSuggestion ? (
          <p className="text-sm text-muted-foreground" data-testid="judge-suggestion">
            {item.judgeSuggestion.preferredCandidateId
              ? t("judgeBeforePreferred", { model: item.judgeSuggestion.model, answer: letters.get(item.judgeSuggestion.preferredCandidateId) ?? "?" })
              : item.judgeSuggestion.orderConsistent
                ? t("judgeBeforeTie", { model: item.judgeSuggestion.model })
                : t("judgeBeforeInconsistent", { model: item.judgeSuggestion.model })}
          </p>
        ) : null}
        {pair ? (
          <PairwiseView candidates={[pair[0], pair[1]]} verdict={verdict} expanded={expanded} isAhead={isAhead} />
        ) : (
          <RankingView order={ordered} tiedWithAbove={tiedWithAbove} letters={letters} focused={focused} allBad={allBad} expanded={expanded} onFocus={onFocus} onMove={onMove} onToggleTie={onToggleTie} isAhead={isAhead} />
        )}
      </div>
    </div>
  );
});
