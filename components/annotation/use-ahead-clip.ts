"use client";

import { useLayoutEffect, type RefObject } from "react";

/**
 * Keeps the box of the item ahead (item-stage.tsx: absolute at the top of `stages`, `overflow: clip`) as tall
 * as the page is without it: from the top of `stages` to the end of the page's own content, or to the bottom
 * of the window when the page is shorter than the window. So a longer item ahead never makes the page longer
 * (no scrolling on over blank space), yet every part of it that can be in the window right after Enter is
 * inside the box, and painted ahead: the window never reaches below the page's end, and the swap never
 * scrolls down.
 *
 * The height is written on the box itself (not as an inherited variable, which would restyle every node of
 * the item), whenever the page or `stages` change size or the window is resized, after layout (a
 * ResizeObserver), where reading the geometry costs nothing. At the swap (`aheadKey` changes) the height
 * comes off, in the same commit, before that frame's layout.
 */
export function useAheadClip(stages: RefObject<HTMLElement | null>, aheadKey: string | null) {
  useLayoutEffect(() => {
    const container = stages.current;
    const box = aheadKey ? container?.querySelector<HTMLElement>(':scope > [data-place="ahead"]') : null;
    if (!container || !box) return;
    const root = document.documentElement;
    const fit = () => {
      // The <html> box's height is the page's in-flow content: what is absolutely positioned (the item
      // ahead) does not count in it, where it does in the scrolling height.
      const page = root.getBoundingClientRect();
      const top = container.getBoundingClientRect().top - page.top;
      const end = Math.max(page.height, root.clientHeight);
      box.style.height = `${Math.max(container.offsetHeight, Math.floor(end - top))}px`;
    };
    const observer = new ResizeObserver(fit);
    observer.observe(root);
    observer.observe(container);
    window.addEventListener("resize", fit);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", fit);
      box.style.height = "";
    };
  }, [stages, aheadKey]);
}
