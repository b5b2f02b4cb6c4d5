"use client";

import { useTranslations } from "next-intl";
import { shortcuts } from "@/lib/annotation/keyboard";
import { Overlay } from "./overlay";
import type { JudgingMode } from "@/lib/vocabulary";

export function HelpOverlay({ mode, onClose }: { mode: JudgingMode; onClose: () => void }) {
  const t = useTranslations("workspace");
  return (
    <Overlay title={t("shortcutsTitle")} onClose={onClose}>
      <table className="w-full text-sm">
        <tbody>
          {shortcuts
            .filter((shortcut) => shortcut.modes.includes(mode))
            .map((shortcut) => (
              <tr key={shortcut.command} className="border-b border-border last:border-0">
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  {shortcut.keys.map((key) => (
                    <kbd key={key} className="mr-1 rounded border border-border-strong bg-surface-muted px-1.5 py-0.5 font-mono text-xs">
                      {key === " " ? t("space") : key}
                    </kbd>
                  ))}
                </td>
                <td className="py-1.5 text-foreground">{t(`shortcut.${shortcut.command}`)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </Overlay>
  );
}
