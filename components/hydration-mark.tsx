"use client";

import { useEffect } from "react";

/**
 * Marks <html data-hydrated="true"> once React has hydrated the page: the server's HTML is visible (and
 * its form fields editable) before that, but a value typed or a key pressed before hydration can be lost
 * or overwritten. The end-to-end suite waits for this mark after each full page load. Renders nothing.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
