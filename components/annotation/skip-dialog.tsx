"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Overlay } from "./overlay";

/** Skip with an optional reason: the prompt goes back to the queue for others. */
export function SkipDialog({ onSkip, onClose }: { onSkip: (reason: string) => Promise<boolean>; onClose: () => void }) {
  const t = useTranslations("workspace");
  const [reason, setReason] = useState("");
  const [isSending, setSending] = useState(false);
  return (
    <Overlay title={t("skipTitle")} onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSending(true);
          void onSkip(reason).then((skipped) => {
            if (!skipped) setSending(false);
          });
        }}
      >
        <label className="block text-sm font-medium text-foreground" htmlFor="skip-reason">
          {t("skipReason")}
        </label>
        <input
          id="skip-reason"
          autoFocus
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={500}
          className="h-9 w-full rounded-md border border-border-strong bg-surface px-3 text-sm"
          placeholder={t("skipPlaceholder")}
        />
        <p className="text-xs text-muted-foreground">{t("skipExplain")}</p>
        <Button type="submit" variant="primary" disabled={isSending}>
          {t("skipSubmit")}
        </Button>
      </form>
    </Overlay>
  );
}
