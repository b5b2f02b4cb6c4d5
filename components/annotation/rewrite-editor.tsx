"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { Button } from "@/components/ui/button";

type Rewrite = { parentCandidateId: string; content: string };

/** A rewrite of the best answer, stored as a new answer preferred over it (key e starts it). */
export function RewriteEditor({
  rewrite,
  parentLetter,
  onStart,
  onChange,
  onRemove,
  ref,
}: {
  rewrite: Rewrite | null;
  parentLetter: string;
  onStart: () => void;
  onChange: (content: string) => void;
  onRemove: () => void;
  ref: Ref<HTMLTextAreaElement>;
}) {
  const t = useTranslations("workspace");
  if (!rewrite) {
    return (
      <Button size="sm" onClick={onStart}>
        {t("startRewrite")}
      </Button>
    );
  }
  return (
    <div className="space-y-1.5">
      <label htmlFor="rewrite" className="block text-sm font-medium text-foreground">
        {t("rewriteLabel", { letter: parentLetter })}
      </label>
      <textarea
        id="rewrite"
        ref={ref}
        value={rewrite.content}
        onChange={(event) => onChange(event.target.value)}
        rows={6}
        className="w-full rounded-md border border-border-strong bg-surface px-3 py-2 font-mono text-sm [overflow-wrap:anywhere]"
      />
      <Button size="sm" variant="ghost" onClick={onRemove}>
        {t("removeRewrite")}
      </Button>
    </div>
  );
}
