import "katex/dist/katex.min.css";
import "./markdown.css";
import { useTranslations } from "next-intl";
import { memo, type ComponentProps, type ReactElement, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { cx } from "@/components/ui/cx";
import { remarkHtmlAsText } from "@/lib/annotation/html-as-text";
import { safeLinkUrl } from "@/lib/annotation/safe-url";

// Safety, in layers: raw HTML is turned into literal text before rendering (and there is no rehype-raw
// here, ever), so <script>, <img onerror> and <iframe> in model output show as what they are; urlTransform keeps only http(s)/mailto links;
// images are never fetched (model output must not phone home), they become a text placeholder; KaTeX
// runs with trust off, so \href and \includegraphics do nothing.
function RemovedLink({ children }: { children?: ReactNode }) {
  const t = useTranslations("ui.markdown");
  return (
    <span className="underline decoration-dotted" title={t("linkRemoved")}>
      {children}
    </span>
  );
}

function ImagePlaceholder({ alt, src }: { alt: string; src: string }) {
  const t = useTranslations("ui.markdown");
  const text = alt && src ? t("imageAltSrc", { alt, src }) : alt ? t("imageAlt", { alt }) : src ? t("imageSrc", { src }) : t("image");
  return (
    <span className="rounded border border-dashed border-border-strong px-1 text-xs text-muted-foreground" data-testid="image-placeholder">
      {text}
    </span>
  );
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer" className="text-accent-text underline underline-offset-2">
        {children}
      </a>
    ) : (
      <RemovedLink>{children}</RemovedLink>
    ),
  img: ({ alt, src }) => <ImagePlaceholder alt={alt ?? ""} src={typeof src === "string" ? src : ""} />,
  table: ({ children }) => (
    <div className="my-3 overflow-x-auto">
      <table className="min-w-full border-collapse text-sm [&_td]:border [&_td]:border-border [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-border [&_th]:bg-surface-muted [&_th]:px-2 [&_th]:py-1">
        {children}
      </table>
    </div>
  ),
  pre: ({ children }) => <pre className="my-3 overflow-x-auto rounded-md bg-surface-muted p-3 text-[0.8125rem] leading-relaxed">{children}</pre>,
};

const remarkPlugins: ComponentProps<typeof Markdown>["remarkPlugins"] = [remarkGfm, remarkMath, remarkHtmlAsText];
const rehypePlugins: ComponentProps<typeof Markdown>["rehypePlugins"] = [
  [rehypeKatex, { trust: false, strict: "ignore", throwOnError: false, maxSize: 50, maxExpand: 500 }],
  [rehypeHighlight, { detect: false }],
];

// Parsed trees by source text, most recently used last. Parsing, highlighting and KaTeX are the costly
// part of showing a judging screen; the workspace warms this for the item it fetched ahead, so that the
// next item appears without parsing. `Markdown` (unlike `MarkdownHooks`) is a pure function.
const rendered = new Map<string, ReactElement>();
const CACHE_SIZE = 64;

function renderMarkdown(source: string): ReactElement {
  const cached = rendered.get(source);
  if (cached) {
    rendered.delete(source);
    rendered.set(source, cached);
    return cached;
  }
  const element = Markdown({ children: source, remarkPlugins, rehypePlugins, components, urlTransform: safeLinkUrl });
  rendered.set(source, element);
  if (rendered.size > CACHE_SIZE) rendered.delete(rendered.keys().next().value!);
  return element;
}

/**
 * Parses texts ahead of time, one per idle period of the browser (each within `timeout` ms even when it
 * is never idle), so that rendering them later is cheap. Resolves when all are in the cache.
 */
export function prepareMarkdown(sources: readonly string[], timeout = 500): Promise<void> {
  const idle = (work: () => void) => (typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(work, { timeout }) : window.setTimeout(work, 0));
  return sources.reduce<Promise<void>>((done, source) => done.then(() => new Promise<void>((resolve) => idle(() => resolve(void renderMarkdown(source))))), Promise.resolve());
}

/**
 * Markdown from models, users or guidelines: tables, highlighted code, LaTeX; never HTML, scripts or
 * remote fetches. Memoised: choosing a verdict must not re-render the answers.
 */
export const SafeMarkdown = memo(function SafeMarkdown({ children, className }: { children: string; className?: string }) {
  return (
    <div
      className={cx(
        "safe-markdown min-w-0 text-sm leading-relaxed break-words [overflow-wrap:anywhere] text-foreground",
        "[&_blockquote]:border-l-2 [&_blockquote]:border-border-strong [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground",
        "[&_h1]:mt-4 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:text-base [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:font-semibold",
        "[&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6",
        "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-surface-muted [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:text-[0.8125rem]",
        className,
      )}
    >
      {renderMarkdown(children)}
    </div>
  );
});
