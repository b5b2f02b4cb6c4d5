"use client";

import { useEffect } from "react";

/**
 * Runs `work` once the browser has painted the current frame (the next animation frame, then a task), while
 * `active`. For what must not hold up the paint of a new item: removing the old one, making the new one
 * interactive. Cancelled if `active` turns false or the component goes first.
 */
export function useAfterPaint(active: boolean, work: () => void) {
  useEffect(() => {
    if (!active) return;
    let timer = 0;
    const frame = window.requestAnimationFrame(() => {
      timer = window.setTimeout(work, 0);
    });
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [active, work]);
}
