import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canSettleJudgments } from "@/lib/authz/permissions";
import { listReviewPromptSets } from "@/server/services/annotation/list-review-prompt-sets";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  const actor = await requirePagePermission(canSettleJudgments);
  const sets = await listReviewPromptSets({ actor });
  return (
    <>
      <PageHeader title="Review" description="Every judgment per prompt: find disagreements, settle them, or reopen a prompt for fresh judgments." />
      {sets.length === 0 ? (
        <EmptyState title="No prompt sets yet">
          <p>Prompt sets appear here once they exist.</p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-label="Prompt sets">
          {sets.map((set) => (
            <li key={set.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link href={`/review/${set.id}`} className="font-medium text-accent-text hover:underline">
                {set.name}
              </Link>
              <span className="text-sm text-muted-foreground tabular-nums">
                {set.judgments} / {set.prompts * set.overlap} judgments
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
