"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button, type ButtonSize } from "./button";

type CopyState = "idle" | "copied" | "failed";

async function copyText(text: string): Promise<void> {
  // The Clipboard API exists only in secure contexts; Arbiter is often reached over plain http on a
  // LAN, where the older execCommand path still works.
  if (window.isSecureContext && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const isCopied = document.execCommand("copy");
  area.remove();
  if (!isCopied) throw new Error("copy refused");
}

/** Copies `value`; the result is announced in a polite live region next to the button. */
export function CopyButton({ value, label, size = "sm" }: { value: string; label?: string; size?: ButtonSize }) {
  const t = useTranslations("ui");
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size={size}
        onClick={() => {
          copyText(value).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
      >
        {label ?? t("copy")}
      </Button>
      <span aria-live="polite" className="text-xs text-muted-foreground">
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </span>
    </span>
  );
}
