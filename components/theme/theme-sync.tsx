"use client";

import { useEffect, useLayoutEffect } from "react";
import { applyTheme, DARK_QUERY, readThemePreference, THEME_CHANGE_EVENT, THEME_STORAGE_KEY } from "./theme";

/**
 * Keeps <html class="dark"> right after the first paint: when the system setting changes while the
 * choice is "system", and when another tab changes the choice. Renders nothing.
 */
export function ThemeSync() {
  // In development Strict Mode remounts the root and React resets <html>'s attributes, dropping the
  // class the inline script set; re-applying before paint avoids a flash. A no-op in production.
  useLayoutEffect(() => {
    applyTheme(readThemePreference());
  }, []);

  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const reapply = () => applyTheme(readThemePreference());
    const onStorage = (event: StorageEvent) => {
      if (event.key === THEME_STORAGE_KEY) {
        reapply();
        window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
      }
    };
    media.addEventListener("change", reapply);
    window.addEventListener("storage", onStorage);
    return () => {
      media.removeEventListener("change", reapply);
      window.removeEventListener("storage", onStorage);
    };
  }, []);

  return null;
}
