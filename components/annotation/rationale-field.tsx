"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";

/** The annotator's reason for the verdict (key r focuses it; only Ctrl+Enter and Escape act inside it). */
export function RationaleField({ value, isRequired, onChange, ref }: { value: string; isRequired: boolean; onChange: (text: string) => void; ref: Ref<HTMLTextAreaElement> }) {
  const t = useTranslations("workspace");
  return (
    <div className="space-y-1.5">
      <label htmlFor="rationale" className="block text-sm font-medium text-foreground">
        {isRequired ? t("rationaleRequired") : t("rationaleOptional")} <kbd className="text-xs text-muted-foreground">r</kbd>
      </label>
      <textarea
        id="rationale"
        ref={ref}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={2}
        maxLength={10_000}
        className="w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-sm"
      />
    </div>
  );
}
