"use client";

import { useLocale, useMessages, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ErrorKey, ErrorParams } from "@/lib/i18n/catalogues";
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
      const english = locale === "en";
      // A reason inside a param (a list of problems) is translated the same way, its key or its own text.
      const translate = (key: ErrorKey, params: ErrorParams | undefined): string => (t.has(key) ? t(key, localParams(messages, params, { english, translate })) : key);
      if (typeof error === "object" && error !== null) {
        const { key, params, message } = error as ErrorLike;
        if (typeof key === "string" && t.has(key as ErrorKey)) {
          const values = typeof params === "object" && params !== null ? (params as Record<string, string | number>) : undefined;
          return t(key as ErrorKey, localParams(messages, values, { english, translate }));
        }
        if (typeof message === "string" && message) return message;
      }
      return String(error);
    },
    [locale, messages, t],
  );
}
