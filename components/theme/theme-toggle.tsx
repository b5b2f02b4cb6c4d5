"use client";

import { useTranslations } from "next-intl";
import { useId, useSyncExternalStore } from "react";
import { applyTheme, readThemePreference, THEME_CHANGE_EVENT, THEME_STORAGE_KEY, type ThemePreference } from "./theme";

const options: ThemePreference[] = ["system", "light", "dark"];

function subscribe(onChange: () => void): () => void {
  window.addEventListener(THEME_CHANGE_EVENT, onChange);
  return () => window.removeEventListener(THEME_CHANGE_EVENT, onChange);
}

function setThemePreference(preference: ThemePreference): void {
  try {
    if (preference === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not stored (blocked storage): the choice still applies to this page.
  }
  applyTheme(preference);
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}

/** Radio buttons (arrow keys move between them) rather than a cycling button: the state is always visible. */
export function ThemeToggle({ className = "" }: { className?: string }) {
  // The server cannot know the stored choice: it renders "system", and React swaps in the stored one
  // right after hydration without a mismatch.
  const preference = useSyncExternalStore(subscribe, readThemePreference, () => "system" as const);
  const name = useId();
  const t = useTranslations("theme");

  return (
    <fieldset className={`inline-flex rounded-md border border-border bg-surface-muted p-0.5 ${className}`}>
      <legend className="sr-only">{t("label")}</legend>
      {options.map((option) => (
        <label
          key={option}
          className="relative cursor-pointer rounded px-2 py-0.5 text-xs font-medium text-muted-foreground select-none hover:text-foreground has-checked:bg-surface has-checked:text-foreground has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-ring"
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={preference === option}
            onChange={() => setThemePreference(option)}
            // Transparent over its label rather than sr-only: still the radio a screen reader finds, and
            // also what a pointer (or a test) clicks.
            className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0"
          />
          {t(option)}
        </label>
      ))}
    </fieldset>
  );
}
