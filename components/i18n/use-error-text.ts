"use client";

import { useLocale, useMessages, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ErrorKey } from "@/lib/i18n/catalogues";
import { localParams } from "@/lib/i18n/error-params";

type ErrorLike = { key?: unknown; params?: unknown; message?: unknown };

/**
 * The text to show for an error from our API: its reason key in the user's language when the
 * catalogue has it, else the server's (English) message.
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations("errors");
  const locale = useLocale();
  const messages = useMessages();
  return useCallback(
    (error: unknown) => {
      if (typeof error === "object" && error !== null) {
        const { key, params, message } = error as ErrorLike;
        if (typeof key === "string" && t.has(key as ErrorKey)) {
          const values = typeof params === "object" && params !== null ? (params as Record<string, string | number>) : undefined;
          return t(key as ErrorKey, localParams(messages, values, { english: locale === "en" }));
        }
        if (typeof message === "string" && message) return message;
      }
      return String(error);
    },
    [locale, messages, t],
  );
}
