"use client";

import { diffWordsWithSpace } from "diff";
import { useTranslations } from "next-intl";
import { useMemo } from "react";

/**
 * Where two answers differ, word by word, on the raw text (so a one-word change in a long answer is
 * easy to find). Text only: no Markdown is rendered here.
 */
export function DiffView({ left, right, leftLetter, rightLetter }: { left: string; right: string; leftLetter: string; rightLetter: string }) {
  const t = useTranslations("workspace");
  // Bounded: a word diff of two huge, unrelated texts is quadratic; past this size it is not useful.
  const parts = useMemo(() => (left.length + right.length > 200_000 ? null : diffWordsWithSpace(left, right, { maxEditLength: 5_000 })), [left, right]);
  const changed = parts?.filter((part) => part.added || part.removed).length ?? 0;
  return (
    <section aria-label={t("differences")} className="rounded-lg border border-border bg-surface p-4" data-testid="diff-view">
      <p className="mb-2 text-xs text-muted-foreground">
        <del className="bg-danger-muted text-danger-text">{t("onlyIn", { letter: leftLetter })}</del> · <ins className="bg-success-muted text-success-text no-underline">{t("onlyIn", { letter: rightLetter })}</ins>
        {parts ? ` · ${t("changes", { count: changed })}` : ""}
      </p>
      {parts ? (
        <p className="font-mono text-xs leading-relaxed break-words whitespace-pre-wrap [overflow-wrap:anywhere]">
          {parts.map((part, index) =>
            part.removed ? (
              <del key={index} className="bg-danger-muted text-danger-text">
                {part.value}
              </del>
            ) : part.added ? (
              <ins key={index} className="bg-success-muted text-success-text no-underline">
                {part.value}
              </ins>
            ) : (
              <span key={index}>{part.value}</span>
            ),
          )}
        </p>
      ) : (
        <p className="text-sm text-muted-foreground">{t("diffTooLarge")}</p>
      )}
    </section>
  );
}
