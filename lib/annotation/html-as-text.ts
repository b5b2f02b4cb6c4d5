/**
 * A remark plugin that turns raw HTML in Markdown into literal text: an annotator sees that a model
 * wrote `<script>` (which matters for judging it) and the browser never parses it as markup.
 */
type MdNode = { type: string; value?: string; children?: MdNode[] };

function convert(node: MdNode): void {
  if (node.type === "html") node.type = "text";
  node.children?.forEach(convert);
}

export function remarkHtmlAsText() {
  return (tree: MdNode) => convert(tree);
}
