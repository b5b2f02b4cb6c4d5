import { describe, expect, it } from "vitest";
import { safeLinkUrl } from "./safe-url";

describe("safe link URLs", () => {
  it("keeps absolute http, https and mailto links", () => {
    expect(safeLinkUrl("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
    expect(safeLinkUrl("http://example.com")).toBe("http://example.com");
    expect(safeLinkUrl("mailto:a@b.c")).toBe("mailto:a@b.c");
  });

  it("drops script, data and other schemes, however they are disguised", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "java\u0000script:x", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "file:///etc/passwd"]) {
      expect(safeLinkUrl(url), url).toBe("");
    }
  });

  it("drops relative and protocol-relative links, which would act on this app or another host", () => {
    expect(safeLinkUrl("/api/annotation/judgments")).toBe("");
    expect(safeLinkUrl("//evil.example/x")).toBe("");
    expect(safeLinkUrl("#top")).toBe("");
    expect(safeLinkUrl("https:/evil")).toBe("");
  });
});

describe("raw HTML as text", () => {
  it("turns html nodes, nested too, into text nodes with the same value", async () => {
    const { remarkHtmlAsText } = await import("./html-as-text");
    const tree = { type: "root", children: [{ type: "html", value: "<script>x</script>" }, { type: "paragraph", children: [{ type: "html", value: "<img src=x onerror=alert(1)>" }] }] };
    remarkHtmlAsText()(tree);
    expect(JSON.stringify(tree)).not.toContain('"html"');
    expect(tree.children[0]).toEqual({ type: "text", value: "<script>x</script>" });
  });
});
