import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** Markdown without raw HTML (react-markdown drops it by default) and with no javascript: links. */
export function Guidelines({ markdown }: { markdown: string }) {
  return (
    <div className="prose-sm max-w-prose space-y-2 text-sm [&_a]:underline [&_h1]:text-base [&_h1]:font-semibold [&_h2]:font-semibold [&_li]:ml-4 [&_ol]:list-decimal [&_ul]:list-disc">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>{markdown}</ReactMarkdown>
    </div>
  );
}
