import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canSettleJudgments } from "@/lib/authz/permissions";
import { listReviewPrompts } from "@/server/services/annotation/list-review-prompts";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPromptSetPage({ params, searchParams }: { params: Promise<{ promptSetId: string }>; searchParams: Promise<{ only?: string }> }) {
  const actor = await requirePagePermission(canSettleJudgments);
  const { promptSetId } = await params;
  const onlyDisagreements = (await searchParams).only === "disagreements";
  const set = await loadOrNotFound(listReviewPrompts({ actor, promptSetId, onlyDisagreements }));
  return (
    <>
      <PageHeader
        title={`Review: ${set.name}`}
        description={`${set.prompts.length} prompt${set.prompts.length === 1 ? "" : "s"}${onlyDisagreements ? " with disagreements" : ""}; overlap ${set.overlap}.`}
        actions={
          <Link href={onlyDisagreements ? `/review/${set.id}` : `/review/${set.id}?only=disagreements`} className="text-sm text-accent-text hover:underline">
            {onlyDisagreements ? "Show all prompts" : "Only disagreements"}
          </Link>
        }
      />
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-label="Prompts">
        {set.prompts.map((prompt) => (
          <li key={prompt.promptId} className="flex flex-wrap items-center gap-3 px-4 py-3">
            <Link href={`/review/prompts/${prompt.promptId}`} className="min-w-0 flex-1 truncate text-sm text-accent-text hover:underline">
              {prompt.preview || "(empty prompt)"}
            </Link>
            <span className="text-xs text-muted-foreground tabular-nums">
              {prompt.judgments} / {set.overlap}
            </span>
            {prompt.imported > 0 ? <Badge tone="accent">{prompt.imported === 1 ? "Imported label" : `${prompt.imported} imported labels`}</Badge> : null}
            {prompt.disagreement ? <Badge tone="warning">Disagreement</Badge> : null}
            {prompt.adjudicated ? <Badge tone="success">Settled</Badge> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
