"use client";

import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { useTranslations } from "next-intl";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { ScoreBadges, type ScoreBadge } from "@/components/verifiers/score-badges";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { AnswerStats } from "./answer-stats";

/** `scores`: the verifiers' results, present only when the prompt set shows them to annotators. */
type Candidate = { id: string; content: string; scores?: ScoreBadge[] };

type RankingViewProps = {
  /** Best first. */
  order: Candidate[];
  tiedWithAbove: boolean[];
  /** Shown letters, by candidate id (the letter follows the shown position, not the current rank). */
  letters: Map<string, string>;
  focused: number;
  allBad: boolean;
  expanded: boolean;
  onFocus: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onToggleTie: (index: number) => void;
  /** The item fetched ahead, rendered hidden: no test ids, so that only the item on screen has them. */
  isAhead?: boolean;
};

/** The ranks as shown: dense, ties sharing a number. */
function displayRanks(tiedWithAbove: boolean[]): number[] {
  let rank = 0;
  return tiedWithAbove.map((tied, index) => (index === 0 || !tied ? ++rank : rank));
}

/** All answers, best first; reorder by drag and drop (pointer or keyboard: space, arrows) or by keys. */
export function RankingView({ order, tiedWithAbove, letters, focused, allBad, expanded, onFocus, onMove, onToggleTie, isAhead = false }: RankingViewProps) {
  const t = useTranslations("workspace");
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const ranks = displayRanks(tiedWithAbove);
  const onDragEnd = (event: DragEndEvent) => {
    if (!event.over || event.active.id === event.over.id) return;
    const from = order.findIndex((candidate) => candidate.id === event.active.id);
    const to = order.findIndex((candidate) => candidate.id === event.over!.id);
    onMove(from, to);
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={order.map((candidate) => candidate.id)} strategy={verticalListSortingStrategy}>
        <ol aria-label={t("ranking")} className={cx("space-y-3", allBad && "opacity-70")}>
          {order.map((candidate, index) => (
            <RankedAnswer
              key={candidate.id}
              candidate={candidate}
              letter={letters.get(candidate.id) ?? "?"}
              rank={ranks[index]!}
              index={index}
              count={order.length}
              isFocused={index === focused}
              isTied={index > 0 && tiedWithAbove[index] === true}
              expanded={expanded}
              onFocus={onFocus}
              onMove={onMove}
              onToggleTie={onToggleTie}
              isAhead={isAhead}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function RankedAnswer({
  candidate,
  letter,
  rank,
  index,
  count,
  isFocused,
  isTied,
  expanded,
  onFocus,
  onMove,
  onToggleTie,
  isAhead,
}: {
  candidate: Candidate;
  letter: string;
  rank: number;
  index: number;
  count: number;
  isFocused: boolean;
  isTied: boolean;
  expanded: boolean;
  onFocus: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onToggleTie: (index: number) => void;
  /** The item fetched ahead, rendered hidden: no test ids, so that only the item on screen has them. */
  isAhead?: boolean;
}) {
  const t = useTranslations("workspace");
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: candidate.id });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, transition }}
      aria-label={t("rankedAnswer", { rank, letter })}
      data-testid={isAhead ? undefined : `ranked-${letter}`}
      data-rank={rank}
      onClick={() => onFocus(index)}
      className={cx(
        "min-w-0 rounded-lg border bg-surface",
        isFocused ? "border-accent ring-2 ring-accent/30" : "border-border",
        isDragging && "z-10 shadow-lg",
      )}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2">
        <button
          type="button"
          className="cursor-grab rounded px-1.5 text-muted-foreground hover:bg-surface-muted"
          aria-label={t("dragAnswer", { letter })}
          {...attributes}
          {...listeners}
        >
          ⠿
        </button>
        <span className="text-sm font-semibold text-foreground">
          {t("rankedTitle", { rank, letter })}
        </span>
        {isTied ? <span className="text-xs text-accent-text">{t("tiedAbove")}</span> : null}
        <AnswerStats text={candidate.content} />
        <span className="ml-auto flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => onMove(index, index - 1)} disabled={index === 0} aria-label={t("moveUp", { letter })}>
            ↑
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onMove(index, index + 1)} disabled={index === count - 1} aria-label={t("moveDown", { letter })}>
            ↓
          </Button>
          {index > 0 ? (
            <label className="flex items-center gap-1 text-xs text-muted-foreground">
              <input type="checkbox" checked={isTied} onChange={() => onToggleTie(index)} />
              {t("tieWithAbove")}
            </label>
          ) : null}
        </span>
      </header>
      <div className={cx("min-w-0 px-4 py-2", expanded ? "" : "max-h-[40vh] overflow-y-auto")} tabIndex={0} aria-label={t("answerText", { letter })}>
        {candidate.scores ? <ScoreBadges scores={candidate.scores} /> : null}
        <SafeMarkdown>{candidate.content}</SafeMarkdown>
      </div>
    </li>
  );
}
