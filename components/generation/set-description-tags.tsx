import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The values of the generate and Batch pages' descriptions ("... for <set>name</set>, {prompts} prompts,
 * <code>...</code>"): a link back to the set, its name and size, code in monospace.
 */
export function setDescriptionTags(promptSet: { id: string; name: string; promptCount: number }) {
  return {
    set: (chunks: ReactNode) => (
      <Link href={`/prompt-sets/${promptSet.id}`} className="underline underline-offset-2">
        {chunks}
      </Link>
    ),
    name: promptSet.name,
    prompts: promptSet.promptCount,
    code: (chunks: ReactNode) => <code>{chunks}</code>,
  };
}
