import type { Page } from "@playwright/test";

/**
 * Whether the browser draws Chinese with real glyphs: "你" drawn on a canvas differs from a private-use
 * character (which every font lacks and which is drawn as the same empty box as any missing glyph).
 * Without a CJK font installed (fonts-noto-cjk) both come out as identical boxes.
 */
export async function drawsChineseGlyphs(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const draw = (text: string) => {
      const canvas = document.createElement("canvas");
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext("2d")!;
      context.font = "48px sans-serif";
      context.fillText(text, 4, 52);
      return Array.from(context.getImageData(0, 0, 64, 64).data).join(",");
    };
    return draw("你") !== draw("\uE000") && draw("你") !== draw("好");
  });
}
