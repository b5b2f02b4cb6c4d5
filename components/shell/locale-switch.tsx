"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { isLocale, localeNames, locales } from "@/lib/i18n/locales";

/** The UI language: saved on the account (and in a cookie for the sign-in page), then the page re-renders in it. */
export type SetLocaleAction = (locale: string) => Promise<{ ok: boolean }>;

export function LocaleSwitch({ action, className = "" }: { action: SetLocaleAction; className?: string }) {
  const t = useTranslations("locale");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [isPending, startTransition] = useTransition();
  return (
    <span className={`inline-flex items-center gap-1.5 ${className}`}>
      <label htmlFor={id} className="sr-only">
        {t("label")}
      </label>
      <select
        id={id}
        data-testid="locale-switch"
        value={locale}
        disabled={isPending}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          startTransition(async () => {
            await action(next);
            router.refresh();
          });
        }}
        className="h-7 rounded-md border border-border bg-surface-muted px-1.5 text-xs font-medium text-foreground"
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {localeNames[option]}
          </option>
        ))}
      </select>
    </span>
  );
}
