"use client";

import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal panel (help, guidelines, skip) on the native <dialog> opened with showModal(): the page
 * behind is inert, Tab and Shift+Tab cycle inside it, and Escape, a click on the backdrop or the button
 * closes it. Focus goes to its first form field (the skip reason) or else to the panel, and returns to
 * where it was when it closes.
 */
export function Overlay({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const t = useTranslations("common");

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const previous = document.activeElement as HTMLElement | null;
    element.showModal();
    // showModal() focuses the first focusable element (the Close button); a form field, or the panel, is more useful.
    (element.querySelector<HTMLElement>("input, textarea, select") ?? element).focus();
    return () => {
      element.close();
      previous?.focus?.();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === "Escape") {
      // Closed here rather than by the browser, and kept from the annotation page's own shortcuts.
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== "Tab") return;
    const controls = [...(dialog.current?.querySelectorAll<HTMLElement>(focusable) ?? [])];
    const first = controls[0];
    const last = controls.at(-1);
    if (!first || !last) return event.preventDefault();
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === dialog.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-label={title}
      tabIndex={-1}
      className="mx-auto mt-4 w-[calc(100%-2rem)] max-w-2xl rounded-lg border border-border bg-surface p-0 text-foreground shadow-lg outline-none backdrop:bg-black/40 sm:mt-10"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // A click on the backdrop lands on the <dialog> itself; clicks on its content land on the inner panel.
      onClick={(event) => {
        if (event.target === dialog.current) onClose();
      }}
    >
      <div className="p-6">
        <div className="mb-4 flex items-center justify-between gap-4">
          <h2 className="text-lg font-semibold text-foreground">{title}</h2>
          <Button size="sm" variant="ghost" onClick={onClose}>
            {t("close")}
          </Button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
